using System.Text.Json.Serialization;

namespace Cti.Gateways.Lines;

[JsonConverter(typeof(JsonStringEnumConverter<GatewayLineStatus>))]
internal enum GatewayLineStatus
{
    /// <summary>Port not opened yet or init sequence running.</summary>
    Starting,
    Up,

    /// <summary>Port vanished or module being reset; the driver is reopening it.</summary>
    Down,

    /// <summary>Taken out of service by an operator or after repeated stalls; see the reason.</summary>
    OutOfService,
}
