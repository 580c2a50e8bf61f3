namespace Cti.Routing.Engine.Timers;

/// <summary>
/// Due-time queue. Most timers use one of a few fixed delays (ring timeout, wrap-up, escalation steps),
/// and timers of the same delay scheduled in time order are due in that order, so they go into a FIFO
/// "lane" per delay: O(1) to add and remove, and sequential in memory. Anything else goes to a
/// min-heap. Cancellation is lazy (tokens): a stale entry is simply ignored when it comes due.
/// </summary>
internal sealed class TimerQueue
{
    private const int MaxLanes = 32;

    private readonly PriorityQueue<TimerEntry, long> _heap = new();
    private readonly Dictionary<long, Lane> _lanesByDelay = [];
    private readonly List<Lane> _lanes = [];

    public int Count
    {
        get
        {
            var n = _heap.Count;
            foreach (var lane in _lanes)
            {
                n += lane.Entries.Count;
            }

            return n;
        }
    }

    public long? NextDueTicks
    {
        get
        {
            long? best = _heap.TryPeek(out _, out var heapDue) ? heapDue : null;
            foreach (var lane in _lanes)
            {
                if (lane.Entries.Count > 0 && (best is null || lane.Entries.Peek().Due < best))
                {
                    best = lane.Entries.Peek().Due;
                }
            }

            return best;
        }
    }

    public void Schedule(long nowTicks, long dueTicks, TimerEntry entry)
    {
        var delay = dueTicks - nowTicks;
        if (!_lanesByDelay.TryGetValue(delay, out var lane) && _lanes.Count < MaxLanes && delay > 0)
        {
            lane = new Lane();
            _lanesByDelay.Add(delay, lane);
            _lanes.Add(lane);
        }

        if (lane is not null && dueTicks >= lane.LastDue)
        {
            lane.LastDue = dueTicks;
            lane.Entries.Enqueue((dueTicks, entry));
        }
        else
        {
            _heap.Enqueue(entry, dueTicks);
        }
    }

    public bool TryDequeueDue(long nowTicks, out TimerEntry entry, out long dueTicks)
    {
        Lane? bestLane = null;
        var bestDue = long.MaxValue;
        foreach (var lane in _lanes)
        {
            if (lane.Entries.Count > 0 && lane.Entries.Peek().Due < bestDue)
            {
                bestDue = lane.Entries.Peek().Due;
                bestLane = lane;
            }
        }

        if (_heap.TryPeek(out entry, out dueTicks) && dueTicks <= nowTicks && dueTicks <= bestDue)
        {
            _heap.Dequeue();
            return true;
        }

        if (bestLane is not null && bestDue <= nowTicks)
        {
            (dueTicks, entry) = bestLane.Entries.Dequeue();
            return true;
        }

        entry = default;
        dueTicks = 0;
        return false;
    }

    private sealed class Lane
    {
        public Queue<(long Due, TimerEntry Entry)> Entries { get; } = new();

        public long LastDue { get; set; } = long.MinValue;
    }
}
