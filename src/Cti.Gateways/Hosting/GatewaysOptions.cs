namespace Cti.Gateways.Hosting;

/// <summary>The <c>Cti:Gateways</c> section: serial-controlled PSTN/GSM gateway lines.</summary>
internal sealed class GatewaysOptions
{
    public const string SectionName = "Cti:Gateways";

    public List<GatewayLineOptions> Lines { get; init; } = [];
}
