namespace Cti.Media.Detection;

/// <summary>
/// The coding of the first two SIT segments (the third is always 1776.7 Hz, long) and what each category means for a
/// dialer. A reserved or unknown coding counts as a network failure: retrying costs one more attempt, while marking a
/// good number invalid loses the customer.
/// </summary>
public static class SitClassification
{
    /// <summary>Category of a tone whose first segment was <paramref name="firstHigh"/>/<paramref name="firstLong"/> and second <paramref name="secondHigh"/>/<paramref name="secondLong"/>.</summary>
    public static SitCategory Classify(bool firstHigh, bool firstLong, bool secondHigh, bool secondLong) =>
        (firstHigh, firstLong, secondHigh, secondLong) switch
        {
            (false, false, false, false) => SitCategory.Intercept,
            (true, true, false, false) => SitCategory.VacantCode,
            (true, true, true, true) => SitCategory.NoCircuit,
            (false, true, false, true) => SitCategory.NoCircuit,
            (true, false, false, true) => SitCategory.Reorder,
            (false, false, true, true) => SitCategory.Reorder,
            (false, true, true, false) => SitCategory.IneffectiveOther,
            _ => SitCategory.Unknown,
        };

    /// <summary>The dialer outcome of a category.</summary>
    public static SitOutcome OutcomeOf(SitCategory category) => category switch
    {
        SitCategory.Intercept or SitCategory.VacantCode or SitCategory.IneffectiveOther => SitOutcome.InvalidNumber,
        SitCategory.NoCircuit or SitCategory.Reorder or SitCategory.Unknown => SitOutcome.NetworkFailure,
        _ => SitOutcome.None,
    };
}
