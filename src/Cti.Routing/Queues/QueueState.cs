using Cti.Routing.Agents;
using Cti.Routing.Config;
using Cti.Routing.Engine.State;
using Cti.Routing.Statistics;
using Cti.Routing.Strategies;

namespace Cti.Routing.Queues;

/// <summary>
/// Live state of one queue: waiting calls in one ordered set per escalation level, and the index of
/// members that are ready and idle (O(1) add/remove by swap-with-last).
/// </summary>
internal sealed class QueueState
{
    public QueueState(QueueConfig config, int index)
    {
        Index = index;
        Config = config;
        Strategy = RoutingStrategyFactory.Get(config.Strategy);
        (Levels, StepLevel) = LevelRequirement.Build(config);
        Waiting = CreateLevelSets(Levels.Length);
    }

    public QueueConfig Config { get; private set; }

    public string Id => Config.Id;

    public int Index { get; set; }

    public IRoutingStrategy Strategy { get; private set; }

    public LevelRequirement[] Levels { get; private set; }

    /// <summary>For each escalation step, the level it leads to, or -1 when the step overflows.</summary>
    public int[] StepLevel { get; private set; }

    /// <summary>Waiting (not ringing, not held for a last agent) calls, one ordered set per level.</summary>
    public SortedSet<CallState>[] Waiting { get; private set; }

    public List<Membership> Members { get; } = [];

    public List<Membership> Ready { get; } = [];

    public int LoggedInMembers { get; set; }

    /// <summary>Calls in the queue: waiting, held for a last agent or ringing.</summary>
    public int InQueue { get; set; }

    public QueueStatistics Stats { get; } = new();

    public int RoundRobinLastOrder { get; set; } = -1;

    public string? RoundRobinLastAgentId { get; set; }

    public bool Removed { get; set; }

    public int WaitingCount
    {
        get
        {
            var n = 0;
            foreach (var set in Waiting)
            {
                n += set.Count;
            }

            return n;
        }
    }

    /// <summary>Replaces the configuration; the caller must have emptied <see cref="Waiting"/> first.</summary>
    public void Reconfigure(QueueConfig config)
    {
        Config = config;
        Strategy = RoutingStrategyFactory.Get(config.Strategy);
        (Levels, StepLevel) = LevelRequirement.Build(config);
        Waiting = CreateLevelSets(Levels.Length);
    }

    public void AddReady(Membership member)
    {
        member.ReadyIndex = Ready.Count;
        Ready.Add(member);
    }

    public void RemoveReady(Membership member)
    {
        var index = member.ReadyIndex;
        var last = Ready.Count - 1;
        if (index != last)
        {
            var moved = Ready[last];
            Ready[index] = moved;
            moved.ReadyIndex = index;
        }

        Ready.RemoveAt(last);
        member.ReadyIndex = -1;
    }

    private static SortedSet<CallState>[] CreateLevelSets(int count)
    {
        var sets = new SortedSet<CallState>[count];
        for (var i = 0; i < count; i++)
        {
            sets[i] = new SortedSet<CallState>(CallOrderComparer.Instance);
        }

        return sets;
    }
}
