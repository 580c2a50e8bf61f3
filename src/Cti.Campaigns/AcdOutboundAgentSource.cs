using Cti.Dialer.Campaigns;
using Cti.Acd;
using Cti.Routing.Agents;
using AgentAvailability = Cti.Dialer.Campaigns.AgentAvailability;
using AcdAvailability = Cti.Routing.Agents.AgentAvailability;
using Cti.Routing.Engine;

namespace Cti.Campaigns;

/// <summary>
/// A campaign's agents as the ACD sees them. Members are the campaign's listed agents, or else every agent with the
/// campaign's skill, a membership in the queue of that name, or the campaign in its blending list. An agent is free
/// for outbound only when Ready and idle: the engine offers a waiting inbound call to such an agent at once, so a
/// Ready idle agent has no inbound call waiting for it and inbound keeps its precedence.
/// </summary>
internal sealed class AcdOutboundAgentSource(AcdEngine engine, RoutingConfigState routing) : IOutboundAgentSource
{
    public string Name => "acd";

    public async ValueTask<AgentAvailability> GetAvailabilityAsync(CampaignConfig campaign, CancellationToken cancellationToken)
    {
        var snapshot = await engine.GetSnapshotAsync(cancellationToken);
        var members = Members(campaign);
        var loggedIn = 0;
        var free = new List<string>();
        var busy = new List<TimeSpan>();
        foreach (var agent in snapshot.Agents)
        {
            if (!members.Contains(agent.AgentId) || agent.Availability == AcdAvailability.LoggedOut)
            {
                continue;
            }

            loggedIn++;
            if (agent.Availability == AcdAvailability.Ready && agent.Work == AgentWorkState.Idle)
            {
                free.Add(agent.AgentId);
            }
            else if (agent.Work is AgentWorkState.OnCallInbound or AgentWorkState.OnCallOutbound or AgentWorkState.OnHold or AgentWorkState.WrapUp)
            {
                busy.Add(agent.InStateFor);
            }
        }

        return new AgentAvailability(loggedIn, free, busy);
    }

    private HashSet<string> Members(CampaignConfig campaign)
    {
        if (campaign.Agents.Count > 0)
        {
            return new HashSet<string>(campaign.Agents, StringComparer.Ordinal);
        }

        var members = new HashSet<string>(StringComparer.Ordinal);
        foreach (var agent in routing.Current.Agents)
        {
            if (agent.Campaigns.Contains(campaign.CampaignId, StringComparer.Ordinal)
                || (campaign.Skill is { } skill
                    && (agent.Skills.Any(s => s.Skill == skill) || agent.Queues.Any(q => q.QueueId == skill))))
            {
                members.Add(agent.Id);
            }
        }

        return members;
    }
}
