namespace Cti.Routing.Strategies;

/// <summary>Chooses which eligible agent receives a call.</summary>
internal interface IRoutingStrategy
{
    string Name { get; }

    /// <summary>True when every candidate rings at once and the first to answer wins.</summary>
    bool OffersToAll => false;

    /// <summary>Index into <paramref name="candidates"/> of the preferred agent; candidates is never empty.</summary>
    int Select(ReadOnlySpan<AgentCandidate> candidates, in RoutingStrategyContext context);
}
