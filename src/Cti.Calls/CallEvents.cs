using System.Text.Json.Nodes;
using Cti.Events;

namespace Cti.Calls;

/// <summary>Builds the call lifecycle events; every one carries the call's correlation id.</summary>
internal static class CallEvents
{
    public static CtiEvent Offered(string callId, string direction, string? trunk, string? did, string? queue, string? from, string? to = null) =>
        new(CtiEventTypes.CallOffered, new JsonObject
        {
            ["direction"] = direction,
            ["trunk"] = trunk,
            ["did"] = did,
            ["from"] = from,
            ["to"] = to,
        })
        { CallId = callId, Queue = queue };

    public static CtiEvent Queued(string callId, string queue, int priority) =>
        new(CtiEventTypes.CallQueued, new JsonObject { ["priority"] = priority }) { CallId = callId, Queue = queue };

    public static CtiEvent Ringing(string callId, string? queue, string? agent, string target) =>
        new(CtiEventTypes.CallRinging, new JsonObject { ["target"] = target }) { CallId = callId, AgentId = agent, Queue = queue };

    public static CtiEvent Answered(string callId, string? queue, string? agent, double waitSeconds) =>
        new(CtiEventTypes.CallAnswered, new JsonObject { ["waitSeconds"] = Math.Round(waitSeconds, 3) }) { CallId = callId, AgentId = agent, Queue = queue };

    public static CtiEvent Held(string callId, string? queue, string? agent, string by) =>
        new(CtiEventTypes.CallHeld, new JsonObject { ["by"] = by }) { CallId = callId, AgentId = agent, Queue = queue };

    public static CtiEvent Resumed(string callId, string? queue, string? agent, string by) =>
        new(CtiEventTypes.CallResumed, new JsonObject { ["by"] = by }) { CallId = callId, AgentId = agent, Queue = queue };

    public static CtiEvent Transferred(string callId, string? queue, string? fromAgent, string target, string kind) =>
        new(CtiEventTypes.CallTransferred, new JsonObject { ["target"] = target, ["kind"] = kind }) { CallId = callId, AgentId = fromAgent, Queue = queue };

    public static CtiEvent TransferConsulting(string callId, string? queue, string? agent, string target, string kind) =>
        new(CtiEventTypes.CallTransferConsulting, new JsonObject { ["target"] = target, ["kind"] = kind, ["mode"] = "attended" }) { CallId = callId, AgentId = agent, Queue = queue };

    public static CtiEvent TransferCancelled(string callId, string? queue, string? agent, string target, string reason) =>
        new(CtiEventTypes.CallTransferCancelled, new JsonObject { ["target"] = target, ["reason"] = reason }) { CallId = callId, AgentId = agent, Queue = queue };

    public static CtiEvent RecordingPaused(string callId, string? queue, string? agent, double offsetSeconds) =>
        new(CtiEventTypes.CallRecordingPaused, new JsonObject { ["offsetSeconds"] = offsetSeconds }) { CallId = callId, AgentId = agent, Queue = queue };

    public static CtiEvent RecordingResumed(string callId, string? queue, string? agent, double offsetSeconds) =>
        new(CtiEventTypes.CallRecordingResumed, new JsonObject { ["offsetSeconds"] = offsetSeconds }) { CallId = callId, AgentId = agent, Queue = queue };

    public static CtiEvent Ended(string callId, string? queue, string? agent, string disposition, string? hungUpBy, int? sipCode) =>
        new(CtiEventTypes.CallEnded, new JsonObject
        {
            ["disposition"] = disposition,
            ["hungUpBy"] = hungUpBy,
            ["sipCode"] = sipCode,
        })
        { CallId = callId, AgentId = agent, Queue = queue };
}
