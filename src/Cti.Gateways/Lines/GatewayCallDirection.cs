using System.Text.Json.Serialization;

namespace Cti.Gateways.Lines;

[JsonConverter(typeof(JsonStringEnumConverter<GatewayCallDirection>))]
internal enum GatewayCallDirection
{
    Outbound,
    Inbound,
}
