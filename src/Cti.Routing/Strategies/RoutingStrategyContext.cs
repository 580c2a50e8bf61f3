namespace Cti.Routing.Strategies;

/// <summary>Per-decision inputs a strategy may need besides the candidates.</summary>
/// <param name="RoundRobinLastOrder">Member order of the agent that got the previous offer; -1 if none.</param>
internal readonly record struct RoutingStrategyContext(int RoundRobinLastOrder, Random Random);
