namespace Cti.Routing.Engine;

public sealed record ConfigApplied(long Version) : AcdEvent;
