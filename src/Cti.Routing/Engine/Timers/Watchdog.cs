using Cti.Routing.Agents;
using Cti.Routing.Engine.Flows;
using Cti.Routing.Engine.State;

namespace Cti.Routing.Engine.Timers;

/// <summary>
/// Repairs what lost messages leave behind: agents reserved or on a call the engine no longer tracks, outbound
/// reservations that never connected, calls the host no longer has, and expired last-agent entries.
/// </summary>
internal sealed partial class Watchdog(AcdState state, AgentStateMachine agents, QueueFlow queues, CallEndFlow ends)
{
    private int _token;

    public long FreedAgents { get; private set; }

    /// <summary>Arms the next check; an older pending check becomes stale.</summary>
    public void Schedule()
    {
        _token++;
        if (state.Config.WatchdogInterval > TimeSpan.Zero)
        {
            state.Schedule(state.NowTicks + state.Config.WatchdogInterval.Ticks, new TimerEntry(TimerKind.Watchdog, null, null, _token));
        }
    }

    public void Fire(int token)
    {
        if (token != _token)
        {
            return;
        }

        Run();
        Schedule();
    }

    public void OnLiveCallsReport(LiveCallsReport c)
    {
        var live = c.LiveCallIds as IReadOnlySet<string> ?? c.LiveCallIds.ToHashSet(StringComparer.Ordinal);
        foreach (var call in state.Calls.Values.Where(x => !live.Contains(x.CallId)).ToArray())
        {
            switch (call.Phase)
            {
                case CallPhase.Waiting or CallPhase.HeldForAgent or CallPhase.Ringing:
                    ends.Abandon(call);
                    break;
                default:
                    var agent = call.Agent!;
                    state.Calls.Remove(call.CallId);
                    FreeAgent(agent, "call missing from the live-call report");
                    break;
            }
        }
    }

    private void Run()
    {
        var calls = state.Calls;
        var now = state.NowTicks;
        foreach (var agent in state.Agents)
        {
            var call = agent.Call;
            string? problem = null;
            switch (agent.Work)
            {
                case AgentWorkState.Reserved:
                    if (call is null || !calls.ContainsKey(call.CallId) || call.Phase is not (CallPhase.Ringing or CallPhase.OutboundReserved))
                    {
                        problem = "reserved without a live call";
                    }
                    else if (call.Phase == CallPhase.OutboundReserved && now - agent.ReservedAtTicks > state.Config.OutboundReservationTimeout.Ticks)
                    {
                        problem = "outbound reservation never connected";
                    }

                    break;
                case AgentWorkState.OnCallInbound or AgentWorkState.OnCallOutbound or AgentWorkState.OnHold:
                    if (call is null || !calls.ContainsKey(call.CallId) || call.Phase is not (CallPhase.Connected or CallPhase.OutboundConnected))
                    {
                        problem = "on a call that no longer exists";
                    }

                    break;
                default:
                    break;
            }

            if (problem is not null)
            {
                FreeAgent(agent, problem);
            }
        }

        var expired = now - state.Config.LastAgentWindow.Ticks;
        foreach (var pair in state.LastAgentByCaller.Where(p => p.Value.AtTicks < expired).ToArray())
        {
            state.LastAgentByCaller.Remove(pair.Key);
        }
    }

    private void FreeAgent(AgentState agent, string detail)
    {
        var call = agent.Call;
        if (call is not null && state.Calls.TryGetValue(call.CallId, out var live) && live == call)
        {
            if (call.Phase == CallPhase.Ringing)
            {
                call.Ringing.Remove(agent);
                if (call.Ringing.Count == 0)
                {
                    queues.ReturnToQueue(call);
                }
            }
            else
            {
                state.Calls.Remove(call.CallId);
            }
        }

        agent.Call = null;
        FreedAgents++;
        Log.WatchdogFreedAgent(state.Logger, agent.Id, call?.CallId, detail);
        state.Emit(new WatchdogFreedAgent(agent.Id, call?.CallId, detail));
        agents.SetWork(agent, AgentWorkState.Idle);
    }
}
