using System.Text.Json.Serialization;

namespace Cti.Host.Gateways;

[JsonConverter(typeof(JsonStringEnumConverter<GatewayCallDirection>))]
internal enum GatewayCallDirection
{
    Outbound,
    Inbound,
}
