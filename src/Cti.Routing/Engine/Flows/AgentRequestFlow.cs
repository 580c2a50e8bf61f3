using Cti.Routing.Agents;
using Cti.Routing.Engine.State;

namespace Cti.Routing.Engine.Flows;

/// <summary>
/// An agent's own requests (login, logout, ready, not ready, hold, unhold, end of wrap-up), checked against
/// <see cref="AgentTransitions"/> and applied with their effects on held and queued calls.
/// </summary>
internal sealed class AgentRequestFlow(AcdState state, AgentStateMachine agents, QueueFlow queues, CallEndFlow ends)
{
    public void OnAgentRequest(AgentStateRequest c)
    {
        if (!state.AgentsById.TryGetValue(c.AgentId, out var agent) || agent.Removed)
        {
            state.Reject(c, c.AgentId, null, RejectionReason.UnknownAgent, "Unknown agent.");
            return;
        }

        if (AgentTransitions.Check(agent, c.Kind, c.Reason, state.Reasons) is { } reason)
        {
            state.Reject(c, c.AgentId, agent.Call?.CallId, reason, $"{c.Kind} is not allowed while {agent.Availability}/{agent.Work}.");
            return;
        }

        switch (c.Kind)
        {
            case AgentRequestKind.Login:
                agent.IdleSinceTicks = state.NowTicks;
                agent.ConsecutiveUnanswered = 0;
                agents.SetAvailability(agent, c.Reason is null ? AgentAvailability.Ready : AgentAvailability.NotReady, c.Reason);
                break;
            case AgentRequestKind.Logout:
                if (agent.Work == AgentWorkState.WrapUp)
                {
                    ends.CompleteWrapUp(agent);
                }

                agents.SetAvailability(agent, AgentAvailability.LoggedOut, null);
                foreach (var held in agent.TargetedCalls.ToArray())
                {
                    queues.ReleaseHeldCall(held);
                }

                ApplyLeaveWhenEmpty(agent);
                break;
            case AgentRequestKind.Ready:
                agent.ConsecutiveUnanswered = 0;
                agents.SetAvailability(agent, AgentAvailability.Ready, null);
                break;
            case AgentRequestKind.NotReady:
                agents.SetAvailability(agent, AgentAvailability.NotReady, c.Reason);
                break;
            case AgentRequestKind.Hold:
                agent.Call!.HoldStartedTicks = state.NowTicks;
                agents.SetWork(agent, AgentWorkState.OnHold);
                break;
            case AgentRequestKind.Unhold:
                agent.Call!.HoldTicks += state.NowTicks - agent.Call.HoldStartedTicks;
                agents.SetWork(agent, agent.Call.IsOutbound ? AgentWorkState.OnCallOutbound : AgentWorkState.OnCallInbound);
                break;
            case AgentRequestKind.EndWrapUp:
                ends.CompleteWrapUp(agent);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(c), c.Kind, null);
        }
    }

    /// <summary>Queues set to empty out when their last agent logs out send their waiting calls to overflow.</summary>
    private void ApplyLeaveWhenEmpty(AgentState agent)
    {
        foreach (var member in agent.Memberships)
        {
            var queue = member.Queue;
            if (!queue.Config.LeaveWhenEmpty || queue.LoggedInMembers > 0)
            {
                continue;
            }

            foreach (var call in state.Calls.Values.Where(x => x.Queue == queue && x.Phase is CallPhase.Waiting or CallPhase.HeldForAgent).ToArray())
            {
                queues.LeaveQueue(call, queue, queue.Config.OverflowTarget, OverflowReason.QueueEmpty);
            }
        }
    }
}
