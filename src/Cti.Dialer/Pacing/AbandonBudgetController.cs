namespace Cti.Dialer.Pacing;

/// <summary>
/// Keeps the running abandon rate at the campaign's target, under the legal cap, by scaling the predictive model's
/// abandon-risk allowance. A PI controller on the relative gap (target − rate) ÷ target drives a log-multiplier:
/// under budget it rises (the pacer dials harder), over budget it falls. The integral only moves while the output is
/// not saturated in the error's direction (anti-windup). Near the cap a hard stop leaves only abandon-free calls.
/// Pure: its only clock is the snapshot's <see cref="PacingSnapshot.Now"/>.
/// </summary>
public sealed class AbandonBudgetController
{
    private double _integral;
    private TimeSpan? _last;

    /// <summary>Proportional gain on the relative gap.</summary>
    public double ProportionalGain { get; init; } = 0.5;

    /// <summary>Integral gain per minute on the relative gap.</summary>
    public double IntegralGainPerMinute { get; init; } = 0.05;

    /// <summary>Longest step integrated at once, so a pause or a gap between decisions does not jerk the integral.</summary>
    public TimeSpan MaxStep { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Pseudo live answers at the target rate blended into the running rate: early in a window one abandon among a few
    /// answers is noise, not a signal to brake hard.
    /// </summary>
    public double PriorLiveAnswers { get; init; } = 300;

    public double MinMultiplier { get; init; } = 0.05;

    public double MaxMultiplier { get; init; } = 5;

    /// <summary>Share of the cap at which the hard stop applies.</summary>
    public double HardStopFraction { get; init; } = 0.95;

    /// <summary>
    /// Abandons kept in reserve under the stop line for answers already on their way (calls ringing cluster by chance);
    /// it matters for small teams and short windows and vanishes in thousands of calls.
    /// </summary>
    public int BurstReserve { get; init; }

    /// <summary>Abandons of headroom under the stop line over which the allowance fades to zero.</summary>
    public double BrakeAbandons { get; init; } = 3;

    /// <summary>The integral term (log scale), for diagnostics and tests.</summary>
    public double Integral => _integral;

    /// <summary>The last allowance computed.</summary>
    public AbandonAllowance Last { get; private set; } = new(1, false, 0);

    /// <summary>Updates the controller with the running counts over the formula window and returns this decision's allowance.</summary>
    public AbandonAllowance Update(TimeSpan now, long liveAnswered, long abandoned, double target, double cap)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(target);
        ArgumentOutOfRangeException.ThrowIfLessThan(cap, target);
        var dt = _last is { } last && now > last ? Min(now - last, MaxStep) : TimeSpan.Zero;
        _last = now;

        var rate = (abandoned + (target * PriorLiveAnswers)) / (liveAnswered + PriorLiveAnswers);
        var gap = Math.Clamp((target - rate) / target, -2, 1);
        var low = Math.Log(MinMultiplier);
        var high = Math.Log(MaxMultiplier);
        var output = (ProportionalGain * gap) + _integral;

        // Conditional integration: a saturated output does not wind the integral further the same way.
        var saturatedUp = output >= high && gap > 0;
        var saturatedDown = output <= low && gap < 0;
        if (!saturatedUp && !saturatedDown)
        {
            _integral = Math.Clamp(_integral + (IntegralGainPerMinute * gap * dt.TotalMinutes), low, high);
        }

        output = Math.Clamp((ProportionalGain * gap) + _integral, low, high);
        // Headroom under the stop line, in abandons: the allowance fades out over the last few instead of a cliff at the line,
        // which would leave a small team idle for minutes after every unlucky burst.
        var headroom = (cap * HardStopFraction * liveAnswered) - abandoned - BurstReserve;
        var brake = Math.Clamp(headroom / BrakeAbandons, 0, 1);
        Last = new AbandonAllowance(Math.Exp(output) * brake, headroom <= 0, rate);
        return Last;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
