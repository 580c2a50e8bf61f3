using Cti.Routing.Config;

namespace Cti.Routing.Engine;

/// <summary>
/// The call leaves <paramref name="QueueId"/>. For voicemail and callback targets the host takes the call
/// over and the engine forgets it; for a queue target the engine has already queued it there.
/// </summary>
public sealed record OverflowCall(string CallId, string QueueId, OverflowTarget Target, OverflowReason Reason) : AcdDecision;
