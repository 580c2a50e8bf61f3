namespace Cti.Cdrs;

/// <summary>A supervisor on a call: who, the modes in order (<c>listen</c>, <c>whisper</c>, <c>barge</c>), when.</summary>
internal sealed record CdrMonitoringSession(string Supervisor, IReadOnlyList<string> Modes, DateTimeOffset From, DateTimeOffset To);
