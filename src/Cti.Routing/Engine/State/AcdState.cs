using Cti.Routing.Agents;
using Cti.Routing.Config;
using Cti.Routing.Engine.Timers;
using Cti.Routing.Persistence;
using Cti.Routing.Queues;
using Microsoft.Extensions.Logging;

namespace Cti.Routing.Engine.State;

/// <summary>
/// Everything the routing core owns: agents, queues, calls, timers, the clock and the outputs of the command
/// being processed. The core's collaborators share this one instance and run only on the core's loop, so it
/// needs no locks.
/// </summary>
internal sealed class AcdState(RoutingConfig config, IRoutingStateStore store, ILogger logger, int randomSeed, long nowTicks)
{
    public IRoutingStateStore Store { get; } = store;

    public ILogger Logger { get; } = logger;

    public Random Random { get; } = new(randomSeed);

    public TimerQueue Timers { get; } = new();

    public List<AcdOutput> Outputs { get; } = [];

    public Dictionary<string, CallState> Calls { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, AgentState> AgentsById { get; } = new(StringComparer.Ordinal);

    public List<AgentState> Agents { get; } = [];

    public Dictionary<string, QueueState> QueuesById { get; } = new(StringComparer.Ordinal);

    public List<QueueState> Queues { get; } = [];

    public Dictionary<string, LastAgentEntry> LastAgentByCaller { get; } = new(StringComparer.Ordinal);

    /// <summary>Agents that became ready idle during this command; they get a waiting call before it returns.</summary>
    public List<AgentState> PendingDispatch { get; } = [];

    public RoutingConfig Config { get; set; } = config;

    public HashSet<string> Reasons { get; set; } = [];

    public HashSet<string> Vips { get; set; } = [];

    /// <summary>The engine's clock: never goes back, and stands at each timer's due time while it runs.</summary>
    public long NowTicks { get; set; } = nowTicks;

    public long Sequence { get; private set; }

    public long CallSeq { get; set; }

    /// <summary>Ready idle agents that belong to at least one outbound campaign.</summary>
    public int FreeForOutbound { get; set; }

    public void Schedule(long dueTicks, TimerEntry entry) => Timers.Schedule(NowTicks, dueTicks, entry);

    public void Emit(AcdOutput output)
    {
        output.Sequence = ++Sequence;
        output.At = new DateTimeOffset(NowTicks, TimeSpan.Zero);
        Outputs.Add(output);
    }

    public void Reject(AcdCommand command, string? agentId, string? callId, RejectionReason reason, string detail) =>
        Reject(command.GetType().Name, agentId, callId, reason, detail);

    public void Reject(string command, string? agentId, string? callId, RejectionReason reason, string detail) =>
        Emit(new CommandRejected(command, agentId, callId, reason, detail));
}
