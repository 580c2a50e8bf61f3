using Cti.Routing.Agents;
using Cti.Routing.Engine.State;

namespace Cti.Routing.Engine.Flows;

/// <summary>
/// Moves agents between availability and work states, keeping time per state, the queues' ready indexes and
/// logged-in counts, and the outbound pool in step, and announcing each change.
/// </summary>
internal sealed class AgentStateMachine(AcdState state)
{
    public void SetAvailability(AgentState agent, AgentAvailability availability, string? reason)
    {
        if (agent.Availability == availability && agent.NotReadyReason == reason)
        {
            return;
        }

        agent.Accumulate(state.NowTicks);
        var wasLoggedIn = agent.IsLoggedIn;
        agent.Availability = availability;
        agent.NotReadyReason = availability == AgentAvailability.NotReady ? reason : null;
        if (wasLoggedIn != agent.IsLoggedIn)
        {
            var delta = agent.IsLoggedIn ? 1 : -1;
            foreach (var member in agent.Memberships)
            {
                member.Queue.LoggedInMembers += delta;
            }
        }

        UpdateReadyIndex(agent);
        state.Emit(new AgentStateChanged(agent.Id, agent.Availability, agent.NotReadyReason, agent.Work, agent.Call?.CallId));
    }

    public void SetWork(AgentState agent, AgentWorkState work)
    {
        agent.Accumulate(state.NowTicks);
        agent.Work = work;
        UpdateReadyIndex(agent);
        state.Emit(new AgentStateChanged(agent.Id, agent.Availability, agent.NotReadyReason, agent.Work, agent.Call?.CallId));
        if (agent.Removed && work == AgentWorkState.Idle && agent.Call is null)
        {
            RetireRemovedAgent(agent);
        }
    }

    /// <summary>Adds a ready idle agent to its queues' ready sets (and the dispatch list), or takes it out.</summary>
    public void UpdateReadyIndex(AgentState agent)
    {
        var shouldBe = agent.IsReadyIdle;
        if (shouldBe == agent.InReadyIndex)
        {
            return;
        }

        agent.InReadyIndex = shouldBe;
        foreach (var member in agent.Memberships)
        {
            if (member.MinLevel == int.MaxValue)
            {
                continue;
            }

            if (shouldBe)
            {
                member.Queue.AddReady(member);
            }
            else if (member.ReadyIndex >= 0)
            {
                member.Queue.RemoveReady(member);
            }
        }

        if (agent.Config.Campaigns.Count > 0)
        {
            state.FreeForOutbound += shouldBe ? 1 : -1;
        }

        if (shouldBe)
        {
            state.PendingDispatch.Add(agent);
        }
    }

    /// <summary>Forgets an agent the configuration removed, once it has no call left.</summary>
    public void RetireRemovedAgent(AgentState agent)
    {
        agent.Accumulate(state.NowTicks);
        agent.Availability = AgentAvailability.LoggedOut;
        agent.NotReadyReason = null;
        agent.Work = AgentWorkState.Idle;
        agent.WrapToken++;
        state.AgentsById.Remove(agent.Id);
    }
}
