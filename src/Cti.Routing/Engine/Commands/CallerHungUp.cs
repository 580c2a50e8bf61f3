namespace Cti.Routing.Engine;

/// <summary>The caller hung up: an abandon while waiting or ringing, the end of the call once connected.</summary>
public sealed record CallerHungUp(string CallId) : AcdCommand;
