using System.Text.Json.Nodes;
using Cti.Events;

namespace Cti.Calls.Parties;

/// <summary>The <c>call.monitor.*</c> events; the supervisor is in <c>data</c>, the agent in <c>agentId</c>.</summary>
internal static class MonitorEvents
{
    public static CtiEvent Started(string callId, string? queue, string? agent, string supervisor, string mode) =>
        new(CtiEventTypes.CallMonitorStarted, new JsonObject { ["supervisor"] = supervisor, ["mode"] = mode }) { CallId = callId, AgentId = agent, Queue = queue };

    public static CtiEvent Changed(string callId, string? queue, string? agent, string supervisor, string mode) =>
        new(CtiEventTypes.CallMonitorChanged, new JsonObject { ["supervisor"] = supervisor, ["mode"] = mode }) { CallId = callId, AgentId = agent, Queue = queue };

    public static CtiEvent ConferenceJoined(string callId, string? queue, string? agent, string party) =>
        new(CtiEventTypes.CallConferenceJoined, new JsonObject { ["party"] = party }) { CallId = callId, AgentId = agent, Queue = queue };

    public static CtiEvent ConferenceLeft(string callId, string? queue, string? agent, string party, string reason, double seconds) =>
        new(CtiEventTypes.CallConferenceLeft, new JsonObject { ["party"] = party, ["reason"] = reason, ["seconds"] = seconds }) { CallId = callId, AgentId = agent, Queue = queue };

    public static CtiEvent Ended(string callId, string? queue, string? agent, string supervisor, string reason, double seconds) =>
        new(CtiEventTypes.CallMonitorEnded, new JsonObject { ["supervisor"] = supervisor, ["reason"] = reason, ["seconds"] = seconds }) { CallId = callId, AgentId = agent, Queue = queue };
}
