using Cti.Sip.Dialogs;
using Cti.Sip.Messages;
using Cti.Sip.Sdp;
using Cti.Sip.Stack;
using Cti.Sip.Transport;

namespace Cti.Calls.Legs;

/// <summary>
/// One INVITE we send for the call (an agent, a transfer target, a dialled customer, a line's audio), then, once
/// answered, its dialog. Its responses and guard time come back to the call's loop as signals carrying <see cref="Token"/>.
/// </summary>
internal sealed class CalleeLeg : ICallLeg
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
    public required SdpMediaOptions Offer { get; init; }

    /// <summary>Sends this leg's requests.</summary>
    public required SipLegSender Sender { get; init; }

    /// <summary>The version counter of the relay side the leg is on.</summary>
    public required SdpSessionVersion SdpVersion { get; init; }

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

    /// <summary>
    /// The same INVITE and dialog under another kind, ACD id and media: an attended transfer's target, rung as a third
    /// party, becoming the call's connected callee.
    /// </summary>
    public CalleeLeg Becomes(CalleeKind kind, string? agentId, string acdCallId, SdpMediaOptions offer) => new()
    {
        Token = Token,
        Kind = kind,
        AgentId = agentId,
        Target = Target,
        AcdCallId = acdCallId,
        Invite = Invite,
        Destination = Destination,
        StartedAt = StartedAt,
        Offer = offer,
        Sender = Sender,
        SdpVersion = SdpVersion,
        Dialog = Dialog,
        Ringing = Ringing,
    };

    /// <summary>Fires when the leg rang too long without a final response.</summary>
    public ITimer? GuardTimer { get; set; }

    /// <summary>A customer (dialled or a line's audio) becomes the caller side; everyone else is a callee.</summary>
    public CallLegSide Side => Kind == CalleeKind.Customer ? CallLegSide.Caller : CallLegSide.Callee;

    /// <summary>What the leg is called in logs: the agent, or "external" for numbers and lines.</summary>
    public string LogName => AgentId ?? "external";

    public SdpMediaOptions? NextMedia(SdpDirection direction) => Offer with { Direction = direction, SessionVersion = SdpVersion.Next() };

    public Task HangUpAsync(int status, string reason, int q850)
    {
        if (Dialog is { } dialog)
        {
            Sender.SendBye(dialog, q850);
        }
        else
        {
            Cancel();
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Sends the INVITE off the loop: provisional and final responses come back as signals (a send failure as a 503),
    /// and a guard timer catches a device that neither answers nor lets itself be cancelled.
    /// </summary>
    public void Start(Func<CallSignal, bool> post, TimeProvider time, TimeSpan guard)
    {
        var token = Token;
        var sending = Sender.Stack.SendRequestAsync(Invite, Destination, r => post(new CalleeProvisionalSignal(token, r)), CancellationToken.None);
        _ = sending.ContinueWith(
            (t, state) =>
            {
                var (send, invite, key) = ((Func<CallSignal, bool>, SipRequest, string))state!;
                var response = t.IsCompletedSuccessfully ? t.Result : SipResponseFactory.Create(invite, 503, "Service Unavailable");
                send(new CalleeFinalSignal(key, response));
            },
            (post, Invite, token),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        GuardTimer = time.CreateTimer(
            static s =>
            {
                var (send, key) = ((Func<CallSignal, bool>, string))s!;
                send(new CalleeGuardSignal(key));
            },
            (post, token),
            guard,
            Timeout.InfiniteTimeSpan);
    }

    /// <summary>CANCELs the INVITE unless it is answered or already cancelled.</summary>
    public void Cancel()
    {
        if (CancelRequested || Dialog is not null)
        {
            return;
        }

        CancelRequested = true;
        Sender.SendCancel(Invite, Destination);

        // A UAS that never answers the INVITE after CANCEL: give up on it after 64*T1 (RFC 3261 §9.1).
        GuardTimer?.Change(TimeSpan.FromSeconds(32), Timeout.InfiniteTimeSpan);
    }

    /// <summary>The dialog a 2xx to our INVITE creates; the leg keeps it.</summary>
    public SipDialog AcceptDialog(SipResponse response)
    {
        Dialog = SipDialog.CreateAsUac(Invite, response, Destination, Invite.Headers.Get(SipHeaderNames.Contact)!);
        return Dialog;
    }
}
