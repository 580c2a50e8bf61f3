using Cti.Routing.Engine;

namespace Cti.Acd;

/// <summary>One recent engine event for GET /api/v1/routing/events.</summary>
internal sealed record RoutingEventView(long Sequence, DateTimeOffset At, string Type, string Detail)
{
    public static RoutingEventView From(AcdEvent e) =>
        new(e.Sequence, e.At, e.GetType().Name, e is ConfigRejected rejected ? string.Join(" ", rejected.Errors) : e.ToString());
}
