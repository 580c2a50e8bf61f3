using Cti.Calls.Legs;
using Cti.Gateways.Lines;

namespace Cti.Calls;

/// <summary>Inputs from a call's gateway line (see <see cref="Legs.GatewayCallerLeg"/>).</summary>
internal abstract record GatewaySignal : CallSignal;

/// <summary>The AT dial of an outbound gateway call finished (answered or failed).</summary>
internal sealed record GatewayDialedSignal(GatewayDialResult Result) : GatewaySignal;

/// <summary>The call on the line ended: the far end hung up, an inbound call stopped ringing, or the line failed.</summary>
internal sealed record GatewayLineEndedSignal(GatewayCallEndReason Reason, string? Cause) : GatewaySignal;

/// <summary>The AT dial of an agent's own call over a gateway line finished.</summary>
internal sealed record AgentLineDialedSignal(GatewayDialResult Result) : CallSignal;

/// <summary>The line carrying an agent's own call ended its call.</summary>
internal sealed record AgentLineEndedSignal(GatewayCallEndReason Reason) : CallSignal;
