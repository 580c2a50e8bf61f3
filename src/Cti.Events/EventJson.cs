using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Cti.Events;

/// <summary>Writes the wire/stored form of an event: one compact JSON object on one line.</summary>
internal static class EventJson
{
    /// <summary>UTC with milliseconds and a Z: sorts as text in time order.</summary>
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string FormatTime(DateTimeOffset at) => at.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static string Serialize(long seq, DateTimeOffset at, CtiEvent ctiEvent)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("seq", seq);
            writer.WriteString("type", ctiEvent.Type);
            writer.WriteString("at", FormatTime(at));
            WriteOptional(writer, "callId", ctiEvent.CallId);
            WriteOptional(writer, "agentId", ctiEvent.AgentId);
            WriteOptional(writer, "queue", ctiEvent.Queue);
            writer.WritePropertyName("data");
            if (ctiEvent.Data is null)
            {
                writer.WriteStartObject();
                writer.WriteEndObject();
            }
            else
            {
                ctiEvent.Data.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
