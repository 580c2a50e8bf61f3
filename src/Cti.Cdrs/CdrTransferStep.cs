namespace Cti.Cdrs;

/// <summary>One hop of a call's transfer chain: who transferred, to what (agent, queue or number), and how.</summary>
internal sealed record CdrTransferStep(DateTimeOffset At, string? FromAgent, string Target, string Kind);
