namespace Cti.Dialer.Pacing;

/// <summary>
/// What a pacer sees at one instant. Ages and elapsed times let model-based pacers condition on what has already happened.
/// <see cref="LiveAnswered"/> and <see cref="Abandoned"/> are the running counts the abandon cap applies to
/// (live answered includes abandoned calls).
/// </summary>
public sealed record PacingSnapshot
{
    public required TimeSpan Now { get; init; }

    public required int LoggedInAgents { get; init; }

    /// <summary>Agents ready for an outbound call and not yet claimed.</summary>
    public required int FreeAgents { get; init; }

    /// <summary>For each agent on a call or in wrap-up: time since that call was connected.</summary>
    public IReadOnlyList<TimeSpan> BusyAgentElapsed { get; init; } = [];

    /// <summary>For each call placed and not yet answered or failed: time since it was placed.</summary>
    public IReadOnlyList<TimeSpan> DialingCallAges { get; init; } = [];

    /// <summary>Live-answered calls waiting for an agent right now.</summary>
    public int AnsweredWaiting { get; init; }

    public long LiveAnswered { get; init; }

    public long Abandoned { get; init; }

    /// <summary>The legal ceiling on the abandon rate over the formula window.</summary>
    public double AbandonCap { get; init; } = 0.03;

    /// <summary>The abandon rate the pacer aims at over the formula window (at most the cap).</summary>
    public double AbandonTarget { get; init; } = 0.025;

    public CallHistoryModel? History { get; init; }
}
