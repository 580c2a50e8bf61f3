using Cti.Sip.Dialogs;
using Cti.Sip.Messages;
using Cti.Sip.Sdp;
using Cti.Sip.Stack;

namespace Cti.Calls.Legs;

/// <summary>
/// A caller whose INVITE we answer: a carrier's call through a trunk, or an agent's own call from their phone. The SDP
/// answer is fixed when the call is created and sent unchanged in 183 and 200, so media stays anchored on relay leg A.
/// </summary>
internal sealed class SipCallerLeg : CallerLeg
{
    private readonly SipServerContext _invite;
    private readonly SipDialog _dialog;
    private CancellationTokenRegistration _cancelRegistration;

    /// <summary>The dialog exists from the start: we are its UAS.</summary>
    public SipCallerLeg(SipServerContext invite, SipDialog dialog, SdpMediaOptions media, SdpNegotiationResult negotiation, SipLegSender sender)
        : base(media, negotiation, sender)
    {
        _invite = invite;
        _dialog = dialog;
        Dialog = dialog;
    }

    public SipServerContext Invite => _invite;

    /// <summary>Posts <paramref name="onCancel"/> when the caller CANCELs while unanswered.</summary>
    public override void WatchCancel(Action onCancel) =>
        _cancelRegistration = _invite.Cancelled.Register(static s => ((Action)s!)(), onCancel);

    /// <summary>183 with the relay's SDP (the prompt plays at once) or a plain 180.</summary>
    public async Task RingAsync(bool earlyMedia)
    {
        if (earlyMedia)
        {
            var progress = Response(183, "Session Progress");
            SdpBodies.Attach(progress, Negotiation.Answer!);
            await _invite.RespondAsync(progress);
        }
        else
        {
            await _invite.RespondAsync(Response(180, "Ringing"));
        }
    }

    public override async Task<CallerAnswer> AnswerAsync()
    {
        if (Answered)
        {
            return CallerAnswer.Answered;
        }

        var ok = Response(200, "OK");
        SdpBodies.Attach(ok, Negotiation.Answer!);
        if (!await _invite.RespondAsync(ok))
        {
            return CallerAnswer.Gone;
        }

        Answered = true;
        _cancelRegistration.Dispose();
        return CallerAnswer.Answered;
    }

    public override async Task HangUpAsync(int status, string reason, int q850)
    {
        if (Answered)
        {
            Sender.SendBye(_dialog, q850);
        }
        else
        {
            await _invite.RespondAsync(_invite.CreateResponse(status, reason));
        }
    }

    /// <summary>A final error while unanswered, whatever the status (the agent's own call passes its callee's on).</summary>
    public async Task RejectAsync(int status) => await _invite.RespondAsync(_invite.CreateResponse(status));

    public override void Close() => _cancelRegistration.Dispose();

    private SipResponse Response(int status, string reason)
    {
        var response = _invite.CreateResponse(status, reason);
        if (status is > 100 and < 300)
        {
            response.Headers.Add(SipHeaderNames.Contact, _dialog.LocalContact);
        }

        return response;
    }
}
