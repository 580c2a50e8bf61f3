namespace Cti.Routing.Engine;

/// <summary>
/// The host's list of calls that really exist. Calls the engine tracks but the host does not are
/// cleaned up and their agents freed (counted by the watchdog).
/// </summary>
public sealed record LiveCallsReport(IReadOnlyCollection<string> LiveCallIds) : AcdCommand;
