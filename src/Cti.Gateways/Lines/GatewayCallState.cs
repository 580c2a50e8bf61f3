using System.Text.Json.Serialization;

namespace Cti.Gateways.Lines;

[JsonConverter(typeof(JsonStringEnumConverter<GatewayCallState>))]
internal enum GatewayCallState
{
    Idle,

    /// <summary>Outbound: ATD sent, far end not answered yet.</summary>
    Dialling,

    /// <summary>Inbound: RING received, not answered yet.</summary>
    Ringing,
    Active,
}
