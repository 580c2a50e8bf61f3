using Cti.Sip.Dialogs;
using Cti.Sip.Messages;
using Cti.Sip.Transport;

namespace Cti.Host.Calls;

/// <summary>One attempt to reach a callee: the INVITE in flight, then (when answered) its dialog.</summary>
internal sealed class CalleeLeg
{
    public required string Token { get; init; }

    public required CalleeKind Kind { get; init; }

    /// <summary>The agent, for ACD offers and agent transfers.</summary>
    public string? AgentId { get; init; }

    /// <summary>What the leg rings, for events and the transfer chain (agent id or E.164 number).</summary>
    public required string Target { get; init; }

    /// <summary>The ACD call id this leg reports under.</summary>
    public required string AcdCallId { get; init; }

    public required SipRequest Invite { get; init; }

    public required SipEndPoint Destination { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>The SDP options we offered (to read the answer against).</summary>
    public required Cti.Sip.Sdp.SdpMediaOptions Offer { get; init; }

    public bool CancelRequested { get; set; }

    public bool Ringing { get; set; }

    public SipDialog? Dialog { get; set; }

    /// <summary>
    /// Requests the callee sent inside the dialog before its 2xx was handled here (a phone may re-INVITE or REFER
    /// as soon as it has answered, before our ACK reaches it); answered once the final response has been handled.
    /// </summary>
    public List<InDialogSignal> EarlyRequests { get; } = [];

    /// <summary>Our tag on the INVITE (its From tag), which is the local tag of the dialog it creates.</summary>
    public string LocalTag => Invite.From!.Tag!;

    /// <summary>Fires when the leg rang too long without a final response.</summary>
    public ITimer? GuardTimer { get; set; }
}
