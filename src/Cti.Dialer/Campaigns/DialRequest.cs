namespace Cti.Dialer.Campaigns;

/// <summary>
/// A call the host must place. <see cref="Number"/> is the full E.164 number (for the SIP layer only; log
/// <see cref="MaskedNumber"/>). <see cref="RingTimeout"/> is never below the regulatory minimum.
/// When <see cref="Preview"/> is set the lead is shown to <see cref="AgentId"/> first and the agent starts the call.
/// A callback carries the agent who scheduled it in <see cref="AgentId"/>.
/// </summary>
public sealed record DialRequest(
    string CallId,
    string CampaignId,
    string LeadId,
    string Number,
    string MaskedNumber,
    string CallerId,
    string LineGroup,
    TimeSpan RingTimeout,
    string? AgentId,
    bool Preview,
    int Attempt);
