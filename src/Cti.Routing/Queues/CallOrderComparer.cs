using Cti.Routing.Engine.State;

namespace Cti.Routing.Queues;

/// <summary>Orders waiting calls by score (priority-adjusted arrival), then FIFO by arrival sequence.</summary>
internal sealed class CallOrderComparer : IComparer<CallState>
{
    public static CallOrderComparer Instance { get; } = new();

    public int Compare(CallState? x, CallState? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var byKey = x.Key.CompareTo(y.Key);
        return byKey != 0 ? byKey : x.Seq.CompareTo(y.Seq);
    }
}
