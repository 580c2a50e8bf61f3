using Cti.Cdrs;
using Cti.Gateways.Lines;
using Cti.Sip.Dialogs;
using Cti.Sip.Messages;
using Cti.Sip.Sdp;

namespace Cti.Calls.Legs;

/// <summary>
/// A party on a PSTN/GSM gateway line: the line is driven with AT commands and its audio is the channel's SIP
/// endpoint, which we INVITE as the caller side (relay leg A) once the line call is up. Inbound, the line rings and is
/// answered (ATA) when an agent takes the call; outbound, the line dials the customer. Whatever ends the call hangs
/// the line up.
/// </summary>
internal sealed partial class GatewayCallerLeg(
    IGatewayLine line,
    bool inbound,
    string? fromUser,
    SdpMediaOptions media,
    SdpNegotiationResult negotiation,
    CalleeLegs invites,
    GatewayLineCalls lineCalls,
    ILogger logger) : CallerLeg(media, negotiation, invites.Sender)
{
    /// <summary>How long the gateway's own audio endpoint may take to answer our INVITE.</summary>
    private static readonly TimeSpan AudioAnswerTimeout = TimeSpan.FromSeconds(10);

    private EventHandler<GatewayCallEndedEventArgs>? _lineEndedHandler;
    private Action? _cancelDial;
    private bool _lineAnswered;
    private GatewayLineEndedSignal? _lineEndedEarly;

    public IGatewayLine Line => line;

    public override string? LineName => line.Name;

    public bool Inbound => inbound;

    /// <summary>Whether the line carries a call we must hang up (ringing inbound, or answered).</summary>
    public bool LineInCall { get; private set; }

    /// <summary>Follows the line: its call ending comes back as a signal.</summary>
    public void Watch(Func<CallSignal, bool> post)
    {
        // A ringing inbound call is on the line from the start; an outbound one once the dial is answered.
        LineInCall = inbound;
        _lineEndedHandler = (_, e) => post(new GatewayLineEndedSignal(e.Reason, e.Cause));
        line.CallEnded += _lineEndedHandler;
    }

    /// <summary>Dials the customer off the loop; the result comes back as <see cref="GatewayDialedSignal"/>.</summary>
    public void Dial(string number, TimeSpan ringTimeout, Func<CallSignal, bool> post)
    {
        // The source lives as long as the dial; Close may cancel it (the line then hangs up the attempt itself).
        var cancel = new CancellationTokenSource();
        _cancelDial = cancel.Cancel;
        _ = lineCalls.DialAsync(line, number, ringTimeout, cancel, static r => new GatewayDialedSignal(r), post);
    }

    /// <summary>The dial answered: the line is in a call; returns a line end that arrived before this news.</summary>
    public GatewayLineEndedSignal? LineAnswered()
    {
        LineInCall = true;
        _lineAnswered = true;
        return _lineEndedEarly;
    }

    /// <summary>
    /// The line's call ended. False when the call should not act on it now: our own hang-up, or an outbound line
    /// still dialling (the dial's result tells how it ended; this end only matters if that result says "answered").
    /// </summary>
    public bool TakeLineEnd(GatewayLineEndedSignal signal)
    {
        if (signal.Reason == GatewayCallEndReason.LocalHangup)
        {
            return false;
        }

        LineInCall = false;
        if (!inbound && !_lineAnswered)
        {
            _lineEndedEarly = signal;
            return false;
        }

        Log.GatewayLineEnded(logger, invites.CallId, line.Name, signal.Reason);
        return true;
    }

    /// <summary>The line's dial ended without an answer: no line call to hang up.</summary>
    public void DialFailed() => LineInCall = false;

    /// <summary>INVITEs the line's audio endpoint as the caller side; false when the line has no usable endpoint.</summary>
    public bool StartAudio(SdpSessionDescription sdp, SdpMediaOptions offer, string target)
    {
        if (!GatewayAudioEndpoint.TryParse(line.AudioEndpoint, out var endpoint))
        {
            Log.GatewayBadAudioEndpoint(logger, invites.CallId, line.Name);
            return false;
        }

        var destination = invites.Listeners.FromAgentListener(endpoint.Destination);
        var invite = new SipRequest(SipMethods.Invite, endpoint.Uri.Clone());
        var from = new SipNameAddr(new SipUri("sip", invites.Listeners.Domain) { User = fromUser }) { Tag = SipDialog.NewTag() };
        invite.Headers.Add(SipHeaderNames.From, from.ToString());
        invite.Headers.Add(SipHeaderNames.To, new SipNameAddr(endpoint.Uri.Clone()).ToString());
        invite.Headers.Add(SipHeaderNames.CallId, SipDialog.NewCallId());
        invite.Headers.Add(SipHeaderNames.CSeq, "1 " + SipMethods.Invite);
        invite.Headers.Add(SipHeaderNames.Contact, CallListeners.Contact("cti", destination.Local!, destination.Transport));
        invite.Headers.Add(SipHeaderNames.Allow, CalleeLegs.AllowHeader);
        invite.Headers.Add(CallController.CallIdHeader, invites.CallId);
        SdpBodies.Attach(invite, sdp);
        Pending = invites.Create(CalleeKind.Customer, null, target, invite, destination, offer, invites.AcdCallIdNow());
        invites.Start(Pending, AudioAnswerTimeout);
        return true;
    }

    /// <summary>The audio of an outbound line, offered as the relay's caller side offers.</summary>
    public bool StartOutboundAudio(string maskedNumber) => StartAudio(SdpNegotiator.CreateOffer(Media), Media, maskedNumber);

    /// <summary>An agent took the inbound call: ATA, then the audio endpoint is INVITEd with the codec chosen at the start.</summary>
    public override async Task<CallerAnswer> AnswerAsync()
    {
        if (Answered)
        {
            return CallerAnswer.Answered;
        }

        var result = await line.AnswerAsync(CancellationToken.None);
        if (!result.Succeeded)
        {
            // The caller hung up as the agent answered (or the module refused ATA): treat it as the caller leaving.
            Log.GatewayAnswerFailed(logger, invites.CallId, line.Name, result.Error ?? "unknown");
            return CallerAnswer.Left;
        }

        Answered = true;
        var offer = Media with { Codecs = [Negotiation.Codec!] };
        return StartAudio(SdpNegotiator.CreateOffer(offer), offer, line.Name) ? CallerAnswer.Answered : CallerAnswer.Failed;
    }

    /// <summary>BYE to the audio endpoint (or CANCEL while it rings) and the line hung up.</summary>
    public override Task HangUpAsync(int status, string reason, int q850)
    {
        if (Dialog is not null)
        {
            Sender.SendBye(Dialog, q850);
        }

        CancelPending();
        HangUpLine();
        return Task.CompletedTask;
    }

    public override Task ByeAsync(int q850) => HangUpAsync(0, string.Empty, q850);

    /// <summary>Stop following the line, stop a dial in progress, hang up a live line call.</summary>
    public override void Close()
    {
        if (_lineEndedHandler is not null)
        {
            line.CallEnded -= _lineEndedHandler;
            _lineEndedHandler = null;
        }

        GatewayLineCalls.CancelDial(ref _cancelDial);
        HangUpLine();
    }

    /// <summary>A gateway call's CDR names the line instead of a trunk; inbound it has no DID and no called number.</summary>
    public override Cdr Describe(Cdr cdr) => inbound
        ? cdr with { Trunk = null, Line = line.Name, Did = null, To = null }
        : cdr with { Trunk = null, Line = line.Name };

    public void LogDialed(GatewayDialResult result) => Log.GatewayDialed(logger, invites.CallId, line.Name, result.Label);

    public void LogAudioFailed(int status) => Log.GatewayAudioFailed(logger, invites.CallId, line.Name, status);

    public void LogBridged() => Log.GatewayBridged(logger, invites.CallId, line.Name);

    private void HangUpLine()
    {
        if (LineInCall)
        {
            LineInCall = false;
            _ = lineCalls.HangUpQuietlyAsync(line);
        }
    }
}
