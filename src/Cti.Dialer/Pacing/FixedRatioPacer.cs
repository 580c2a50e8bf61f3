namespace Cti.Dialer.Pacing;

/// <summary>Fixed ratio: keeps ratio × free agents calls outstanding, regardless of results.</summary>
public sealed class FixedRatioPacer : IPacer
{
    public FixedRatioPacer(double ratio = 2.0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ratio, 1.0);
        Ratio = ratio;
    }

    public double Ratio { get; }

    public string Name => Pacers.FixedRatio;

    public int CallsToPlace(PacingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.LoggedInAgents == 0)
        {
            return 0;
        }

        var target = (int)Math.Floor(Ratio * (snapshot.FreeAgents - snapshot.AnsweredWaiting));
        return Math.Max(0, target - snapshot.DialingCallAges.Count);
    }
}
