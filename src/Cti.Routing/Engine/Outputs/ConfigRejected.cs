namespace Cti.Routing.Engine;

/// <summary>The new configuration was invalid; every error is listed and the previous configuration stays.</summary>
public sealed record ConfigRejected(IReadOnlyList<string> Errors) : AcdEvent;
