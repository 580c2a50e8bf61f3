namespace Cti.Dialer.Compliance;

/// <summary>The regulatory abandon-rate formula a campaign is held to; it sets the window the pacer's running counts cover.</summary>
public enum AbandonFormula
{
    /// <summary>US TSR: abandoned ÷ live answered over the campaign, or each 30 days if longer.</summary>
    UsTsr,

    /// <summary>UK Ofcom: abandoned (plus estimated AMD false positives) ÷ live calls over 24 hours.</summary>
    UkOfcom,
}
