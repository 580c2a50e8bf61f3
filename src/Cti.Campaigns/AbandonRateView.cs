namespace Cti.Campaigns;

/// <summary>Abandon rates of a campaign: US TSR (abandoned ÷ live answered) and Ofcom (with AMD estimate), over 24 h and 30 days.</summary>
internal sealed record AbandonRateView(double Tsr24Hours, double Tsr30Days, double Ofcom24Hours, double Ofcom30Days)
{
    public static AbandonRateView Zero { get; } = new(0, 0, 0, 0);
}
