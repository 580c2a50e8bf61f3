using System.Text.Json.Serialization;

namespace Cti.Gateways.Lines;

[JsonConverter(typeof(JsonStringEnumConverter<GatewayCallEndReason>))]
internal enum GatewayCallEndReason
{
    /// <summary>NO CARRIER, or the call vanished from +CLCC.</summary>
    RemoteHangup,
    LocalHangup,

    /// <summary>An inbound call stopped ringing before it was answered.</summary>
    Missed,

    /// <summary>The port vanished or the module stopped answering; reported as outcome "line-failure".</summary>
    LineFailure,
}
