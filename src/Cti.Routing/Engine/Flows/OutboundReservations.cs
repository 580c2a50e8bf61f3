using Cti.Routing.Agents;
using Cti.Routing.Engine.State;

namespace Cti.Routing.Engine.Flows;

/// <summary>
/// Blending with the dialer: a ready idle agent of a campaign is reserved for an outbound call, connected when
/// the customer answers, or released when the dial fails.
/// </summary>
internal sealed class OutboundReservations(AcdState state, AgentStateMachine agents, CallEndFlow ends)
{
    /// <summary>Ready idle agents that may take an outbound call for this campaign (any campaign when null).</summary>
    public int CountFree(string? campaignId)
    {
        if (campaignId is null)
        {
            return state.FreeForOutbound;
        }

        var n = 0;
        foreach (var agent in state.Agents)
        {
            if (agent.IsReadyIdle && agent.Config.Campaigns.Contains(campaignId))
            {
                n++;
            }
        }

        return n;
    }

    public void OnReserve(ReserveAgentForOutbound c)
    {
        if (!state.AgentsById.TryGetValue(c.AgentId, out var agent) || agent.Removed)
        {
            state.Reject(c, c.AgentId, c.CallId, RejectionReason.UnknownAgent, "Unknown agent.");
            return;
        }

        if (state.Calls.ContainsKey(c.CallId))
        {
            state.Reject(c, c.AgentId, c.CallId, RejectionReason.DuplicateCall, "A call with this id is already known.");
            return;
        }

        // Inbound precedence: a ready idle agent never has a matching waiting inbound call (they are
        // offered at once), so only ready idle agents can be taken by the dialer.
        if (!agent.IsReadyIdle)
        {
            state.Reject(c, c.AgentId, c.CallId, RejectionReason.NotAvailableForOutbound, $"Agent is {agent.Availability}/{agent.Work}.");
            return;
        }

        if (!c.Direct && (c.CampaignId is not null ? !agent.Config.Campaigns.Contains(c.CampaignId) : agent.Config.Campaigns.Count == 0))
        {
            state.Reject(c, c.AgentId, c.CallId, RejectionReason.NotInCampaign, "Agent does not serve this campaign.");
            return;
        }

        var now = state.NowTicks;
        var call = new CallState(c.CallId) { IsOutbound = true, Phase = CallPhase.OutboundReserved, ArrivedTicks = now, Seq = ++state.CallSeq };
        call.Agent = agent;
        state.Calls.Add(call.CallId, call);
        agent.Call = call;
        agent.ReservedAtTicks = now;
        agents.SetWork(agent, AgentWorkState.Reserved);
        state.Emit(new AgentReservedForOutbound(agent.Id, call.CallId));
    }

    public void OnConnected(OutboundCallConnected c)
    {
        if (!state.Calls.TryGetValue(c.CallId, out var call) || call.Phase != CallPhase.OutboundReserved)
        {
            state.Reject(c, null, c.CallId, RejectionReason.UnknownCall, "No outbound reservation for this call.");
            return;
        }

        call.Phase = CallPhase.OutboundConnected;
        call.AnsweredTicks = state.NowTicks;
        agents.SetWork(call.Agent!, AgentWorkState.OnCallOutbound);
    }

    public void OnReleased(OutboundReservationReleased c)
    {
        if (!state.Calls.TryGetValue(c.CallId, out var call) || call.Phase != CallPhase.OutboundReserved)
        {
            state.Reject(c, null, c.CallId, RejectionReason.UnknownCall, "No outbound reservation for this call.");
            return;
        }

        ends.EndCall(call);
    }
}
