using Cti.Cdrs;
using Cti.Sip.Dialogs;
using Cti.Sip.Sdp;

namespace Cti.Calls.Legs;

/// <summary>
/// The caller side of a call, anchored on relay leg A for the whole call: a carrier's or an agent's INVITE we answer
/// (<see cref="SipCallerLeg"/>), a customer the dialer rings through a trunk (<see cref="SipCustomerLeg"/>), or a party
/// on a gateway line (<see cref="GatewayCallerLeg"/>).
/// </summary>
internal abstract class CallerLeg(SdpMediaOptions media, SdpNegotiationResult negotiation, SipLegSender sender) : ICallLeg
{
    private readonly SdpSessionVersion _sdpVersion = new(1);

    public CallLegSide Side => CallLegSide.Caller;

    public SipDialog? Dialog { get; protected set; }

    /// <summary>Whether the party is answered (our 200 sent, or theirs received).</summary>
    public bool Answered { get; protected set; }

    /// <summary>What relay leg A offers or answers: the relay's address and port, PCMA and PCMU.</summary>
    public SdpMediaOptions Media => media;

    /// <summary>The codec and telephone events agreed with the party (callees are offered the same).</summary>
    public SdpNegotiationResult Negotiation { get; protected set; } = negotiation;

    /// <summary>The INVITE we sent this party while it is unanswered (a dialled customer, a line's audio).</summary>
    public CalleeLeg? Pending { get; protected set; }

    /// <summary>The gateway line the party is on, if any.</summary>
    public virtual string? LineName => null;

    protected SipLegSender Sender => sender;

    public SdpMediaOptions? NextMedia(SdpDirection direction) =>
        media with { Codecs = [Negotiation.Codec!], Direction = direction, SessionVersion = _sdpVersion.Next() };

    /// <summary>Answers the party if it is not yet: 200, or ATA and the line's audio.</summary>
    public abstract Task<CallerAnswer> AnswerAsync();

    public abstract Task HangUpAsync(int status, string reason, int q850);

    /// <summary>Hangs up an answered party because the other side hung up: BYE (a line is hung up too).</summary>
    public virtual Task ByeAsync(int q850)
    {
        if (Dialog is { } dialog)
        {
            Sender.SendBye(dialog, q850);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Takes the 2xx of the INVITE this leg sent (<see cref="Pending"/>): its dialog and the ACK. An answer that came
    /// too late (cancelled, <paramref name="callEnded"/>) or cannot be relayed (no SDP, no G.711) is hung up again and
    /// comes back not usable; a usable one becomes the leg's dialog and negotiation.
    /// </summary>
    public async Task<(SdpNegotiationResult? Answer, bool Usable)> AcceptAnswerAsync(CalleeLeg leg, Cti.Sip.Messages.SipResponse response, bool callEnded, Action<SipDialog> map)
    {
        var dialog = leg.AcceptDialog(response);
        var answer = SdpBodies.ReadAnswer(response, leg.Offer);
        var usable = !leg.CancelRequested && !callEnded && answer is { Codec.PayloadType: 0 or 8 };
        if (usable)
        {
            Dialog = dialog;
            map(dialog);
        }

        await Sender.SendAckAsync(dialog, leg.Invite.CSeq!.Number, leg.Destination);
        if (!usable)
        {
            Sender.SendBye(dialog, answer is null ? Q850Causes.IncompatibleDestination : Q850Causes.NormalClearing);
        }
        else
        {
            Negotiation = answer!;
        }

        return (answer, usable);
    }

    /// <summary>The party answered the INVITE this leg sent.</summary>
    public void MarkAnswered() => Answered = true;

    /// <summary>The final response to <see cref="Pending"/> has arrived: nothing left to cancel.</summary>
    public void PendingDone() => Pending = null;

    /// <summary>Runs <paramref name="onCancel"/> when the party CANCELs its unanswered INVITE (only an INVITE we answer can).</summary>
    public virtual void WatchCancel(Action onCancel)
    {
    }

    /// <summary>Called once when the call ends: stop following whatever the leg follows (a CANCEL, a line).</summary>
    public virtual void Close()
    {
    }

    /// <summary>The leg's own CDR fields (a line instead of a trunk).</summary>
    public virtual Cdr Describe(Cdr cdr) => cdr;

    /// <summary>Cancels <see cref="Pending"/> while it rings.</summary>
    protected void CancelPending() => Pending?.Cancel();
}
