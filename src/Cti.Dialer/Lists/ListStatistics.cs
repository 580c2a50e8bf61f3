namespace Cti.Dialer.Lists;

/// <summary>
/// Counters for one list or one source and the rates derived from them.
/// All rates are per dialled attempt except <see cref="SuccessesPerContact"/>; an empty denominator gives 0.
/// </summary>
public sealed record ListStatistics(long Dialled, long Invalid, long Contacted, long Successes)
{
    public double InvalidRate => Ratio(Invalid, Dialled);

    public double ContactRate => Ratio(Contacted, Dialled);

    public double NetSuccessRate => Ratio(Successes, Dialled);

    public double SuccessesPerContact => Ratio(Successes, Contacted);

    private static double Ratio(long numerator, long denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}
