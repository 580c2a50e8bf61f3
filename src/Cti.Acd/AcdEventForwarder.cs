using System.Text.Json.Nodes;
using Cti.Events;
using Cti.Routing.Engine;

namespace Cti.Acd;

/// <summary>
/// Publishes the ACD's agent-state changes on the service's event log as <c>agent.state</c> events, in engine
/// order, so wallboards and integrators follow agents through the SSE stream. The ACD sequence number travels in the
/// data (<c>acdSeq</c>); the event log assigns its own service-wide number.
/// </summary>
internal sealed class AcdEventForwarder(IAcdOutputFeed feed, IEventPublisher events) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var output in feed.FollowAsync(stoppingToken))
            {
                if (output is AgentStateChanged change)
                {
                    events.Publish(ToEvent(change));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    internal static CtiEvent ToEvent(AgentStateChanged change) => new(
        CtiEventTypes.AgentState,
        new JsonObject
        {
            ["availability"] = RoutingMetrics.Label(change.Availability),
            ["work"] = RoutingMetrics.Label(change.Work),
            ["reason"] = change.NotReadyReason,
            ["acdSeq"] = change.Sequence,
        })
    {
        AgentId = change.AgentId,
        CallId = change.CallId,
        At = change.At,
    };
}
