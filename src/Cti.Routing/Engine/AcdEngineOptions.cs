namespace Cti.Routing.Engine;

/// <summary>Settings of the engine loop (the routing rules themselves are in <c>RoutingConfig</c>).</summary>
public sealed class AcdEngineOptions
{
    /// <summary>Seed of the random and weighted-random strategies; fixed seeds make runs reproducible.</summary>
    public int RandomSeed { get; set; }
}
