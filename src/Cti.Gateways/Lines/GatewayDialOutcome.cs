using System.Text.Json.Serialization;

namespace Cti.Gateways.Lines;

/// <summary>How an outbound attempt on a gateway line ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GatewayDialOutcome>))]
internal enum GatewayDialOutcome
{
    Answered,
    Busy,
    NoAnswer,

    /// <summary>The network released the call; <see cref="GatewayDialResult.Cause"/> holds the +CEER text.</summary>
    NoCarrier,
    NoDialTone,

    /// <summary>The module refused (+CME ERROR n / ERROR); <see cref="GatewayDialResult.ErrorCode"/> holds n.</summary>
    NetworkError,

    /// <summary>The line is not up or is out of service; nothing was dialled.</summary>
    LineDown,

    /// <summary>A call is already on this line; nothing was dialled.</summary>
    LineBusy,

    /// <summary>A per-line cap (calls per day, gap, active hours) forbids dialling now; nothing was dialled.</summary>
    CapReached,

    /// <summary>The port vanished or the module stopped answering during the attempt.</summary>
    LineFailure,

    /// <summary>The caller cancelled or hung up before the far end answered.</summary>
    Cancelled,
}
