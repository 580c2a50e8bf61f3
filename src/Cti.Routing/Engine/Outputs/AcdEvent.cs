namespace Cti.Routing.Engine;

/// <summary>An output that reports a change of state; no action is required.</summary>
public abstract record AcdEvent : AcdOutput;
