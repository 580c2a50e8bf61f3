namespace Cti.Routing.Engine;

/// <summary>An input to the routing engine. Commands are processed one at a time, in posting order.</summary>
public abstract record AcdCommand;
