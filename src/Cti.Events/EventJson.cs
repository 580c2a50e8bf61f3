using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;

namespace Cti.Events;

/// <summary>
/// Writes the wire/stored form of an event: a CloudEvents 1.0 structured-mode JSON object on one line. It is stored
/// as sent, so SSE, history and sinks serve the same bytes without re-encoding.
/// </summary>
internal static class EventJson
{
    /// <summary>UTC with milliseconds and a Z: sorts as text in time order.</summary>
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    private static readonly JsonEventFormatter Formatter = new();

    private static readonly CloudEventAttribute CallId = CloudEventAttribute.CreateExtension(CloudEventNames.CallIdAttribute, CloudEventAttributeType.String);
    private static readonly CloudEventAttribute AgentId = CloudEventAttribute.CreateExtension(CloudEventNames.AgentIdAttribute, CloudEventAttributeType.String);
    private static readonly CloudEventAttribute Queue = CloudEventAttribute.CreateExtension(CloudEventNames.QueueAttribute, CloudEventAttributeType.String);

    public static string FormatTime(DateTimeOffset at) => at.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static string Serialize(long seq, DateTimeOffset at, CtiEvent ctiEvent, string source)
    {
        ArgumentNullException.ThrowIfNull(ctiEvent);
        var data = ctiEvent.Data ?? [];
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0, [CallId, AgentId, Queue])
        {
            Id = seq.ToString(CultureInfo.InvariantCulture),
            Source = new Uri(source, UriKind.Relative),
            Type = CloudEventNames.ToCloudEventType(ctiEvent.Type),

            // Milliseconds, like every other time the service writes.
            Time = new DateTimeOffset(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero),
            Subject = Subject(ctiEvent, data),
            DataContentType = "application/json",
            Data = data,
        };
        cloudEvent[CallId] = ctiEvent.CallId;
        cloudEvent[AgentId] = ctiEvent.AgentId;
        cloudEvent[Queue] = ctiEvent.Queue;
        return Encoding.UTF8.GetString(Formatter.EncodeStructuredModeMessage(cloudEvent, out _).Span);
    }

    /// <summary>What the event is about: the call, else the agent, else the campaign.</summary>
    private static string? Subject(CtiEvent ctiEvent, JsonObject data) =>
        ctiEvent.CallId ?? ctiEvent.AgentId ?? (data["campaignId"] is JsonValue campaign && campaign.TryGetValue<string>(out var id) ? id : null);
}
