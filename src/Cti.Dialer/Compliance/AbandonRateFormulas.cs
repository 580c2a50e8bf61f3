namespace Cti.Dialer.Compliance;

/// <summary>The two regulatory abandon-rate formulas (see docs/dialer.md for references).</summary>
public static class AbandonRateFormulas
{
    /// <summary>US TSR 16 CFR 310.4(b)(4)(i): abandoned ÷ calls answered by a live person (abandoned ones included).</summary>
    public static double UsTsr(long abandoned, long liveAnswered) => liveAnswered <= 0 ? 0 : (double)abandoned / liveAnswered;

    /// <summary>
    /// UK Ofcom: (abandoned + estimated AMD false positives) ÷ (live calls + estimated AMD false positives), where the estimate is
    /// machine-classified calls × the measured false-positive rate. A false positive is a live person the AMD hung up on.
    /// </summary>
    public static double UkOfcom(long abandoned, long liveAnswered, long amdMachineClassified, double amdFalsePositiveRate)
    {
        var falsePositives = amdMachineClassified * Math.Clamp(amdFalsePositiveRate, 0, 1);
        var denominator = liveAnswered + falsePositives;
        return denominator <= 0 ? 0 : (abandoned + falsePositives) / denominator;
    }

    /// <summary>The window a formula's rate is measured over.</summary>
    public static TimeSpan Window(AbandonFormula formula) => formula == AbandonFormula.UkOfcom ? TimeSpan.FromHours(24) : TimeSpan.FromDays(30);
}
