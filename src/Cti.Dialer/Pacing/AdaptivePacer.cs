namespace Cti.Dialer.Pacing;

/// <summary>
/// The classic adaptive dial level: every <see cref="AdjustInterval"/> the level becomes
/// level × (1 + (ready agents − waiting calls) ÷ agents × intensity), clamped to [1, max], and is halved when the
/// drop (abandon) rate is over the limit. Keeps level × ready agents calls outstanding.
/// </summary>
public sealed class AdaptivePacer : IPacer
{
    private TimeSpan _lastAdjust = TimeSpan.MinValue;
    private long _lastLive;
    private long _lastAbandoned;

    public double Level { get; private set; } = 1.0;

    public double Intensity { get; init; } = 0.5;

    public double MaxLevel { get; init; } = 10.0;

    public TimeSpan AdjustInterval { get; init; } = TimeSpan.FromSeconds(15);

    public string Name => Pacers.Adaptive;

    public int CallsToPlace(PacingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.LoggedInAgents == 0)
        {
            return 0;
        }

        if (_lastAdjust == TimeSpan.MinValue || snapshot.Now - _lastAdjust >= AdjustInterval)
        {
            Adjust(snapshot);
        }

        var ready = snapshot.FreeAgents - snapshot.AnsweredWaiting;
        var target = (int)Math.Ceiling(Level * Math.Max(0, ready));
        return Math.Max(0, target - snapshot.DialingCallAges.Count);
    }

    private void Adjust(PacingSnapshot snapshot)
    {
        _lastAdjust = snapshot.Now;
        var ready = snapshot.FreeAgents;
        var factor = 1 + ((double)(ready - snapshot.AnsweredWaiting) / snapshot.LoggedInAgents * Intensity);
        Level = Math.Clamp(Level * factor, 1.0, MaxLevel);

        // The drop rate is measured over the whole running total (as the cap is) and over the last interval.
        var overall = snapshot.LiveAnswered == 0 ? 0 : (double)snapshot.Abandoned / snapshot.LiveAnswered;
        var recentLive = snapshot.LiveAnswered - _lastLive;
        var recent = recentLive == 0 ? 0 : (double)(snapshot.Abandoned - _lastAbandoned) / recentLive;
        if (overall > snapshot.AbandonCap || recent > snapshot.AbandonCap)
        {
            Level = Math.Max(1.0, Level / 2);
        }

        _lastLive = snapshot.LiveAnswered;
        _lastAbandoned = snapshot.Abandoned;
    }
}
