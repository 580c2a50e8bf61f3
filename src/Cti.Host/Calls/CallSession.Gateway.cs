using Cti.Gateways.Hosting;
using Cti.Gateways.Lines;
using Cti.Dialer.Campaigns;
using Cti.Cdrs;
using Cti.Trunks;
using Cti.Routing.Engine;
using Cti.Sip.Dialogs;
using Cti.Sip.Messages;
using Cti.Sip.Sdp;
using CallDirection = Cti.Cdrs.CallDirection;
using Cti.Media.Relay;

namespace Cti.Host.Calls;

/// <summary>
/// Calls whose customer is on a PSTN/GSM gateway line: the line is controlled with AT commands, and its audio is the
/// channel's SIP endpoint, which we INVITE as the caller-side leg (relay leg A) once the line call is up.
/// </summary>
/// <remarks>
/// Outbound: the line dials; on answer the audio endpoint is INVITEd and from its 200 on the call is an ordinary
/// dialer call (abandon wait, agent hunting, bridging). Inbound: RING/+CLIP queues the call without a SIP caller leg
/// (the PSTN caller hears the network's ringback); when an agent answers, ATA picks the line up and the audio endpoint
/// is INVITEd and bridged. Whatever ends the call hangs the line up; a line call that ends first ends the call.
/// </remarks>
internal sealed partial class CallSession
{
    /// <summary>How long the gateway's own audio endpoint may take to answer our INVITE.</summary>
    private static readonly TimeSpan AudioAnswerTimeout = TimeSpan.FromSeconds(10);

    private IGatewayLine? _gateway;
    private EventHandler<GatewayCallEndedEventArgs>? _lineEndedHandler;
    private Action? _cancelDial;
    private bool _lineInCall;
    private bool _lineAnswered;
    private GatewayLineEndedSignal? _lineEndedEarly;

    /// <summary>The gateway line of this call, when its customer is on one.</summary>
    public string? LineName => _gateway?.Name;

    /// <summary>
    /// Queues an inbound call ringing on <paramref name="line"/> in <paramref name="queue"/>; <paramref name="caller"/>
    /// is the E.164 caller id (null when withheld). False when the call could not be taken (no media ports).
    /// </summary>
    public static bool StartGatewayInbound(CallServices services, CallRegistry registry, IGatewayLine line, string queue, string? caller)
    {
        var id = NewCorrelationId();
        if (!TryCreateRelay(services, id, out var relay))
        {
            return false;
        }

        // The agent is rung before the gateway's audio leg exists, so the codec is chosen now (G.711 A-law, what GSM
        // and E1 gateways carry natively) and the audio endpoint is later offered exactly that codec.
        var negotiation = new SdpNegotiationResult { Codec = SdpCodec.Pcma };
        relay.LegA.PayloadType = SdpCodec.Pcma.PayloadType;
        relay.LegB.PayloadType = SdpCodec.Pcma.PayloadType;
        var route = new TrunkInviteRoute(LineRoute(line, services.Numbers), string.Empty, queue, caller, null);
        var call = new CallSession(services, registry, id, route, null, null, relay, CallerMediaOptions(services, relay), negotiation)
        {
            _gateway = line,
            _lineInCall = true,
        };
        relay.Start();
        call.Enlist();
        call.BeginGatewayInbound();
        return true;
    }

    private void BeginGatewayOutbound()
    {
        var request = _dial!;
        Log.GatewayDialing(_s.Logger, Id, _gateway!.Name);
        WatchLine();
        // The source lives as long as the dial; EndAsync may cancel it (the line then hangs up the attempt itself).
        var cancel = new CancellationTokenSource();
        _cancelDial = cancel.Cancel;
        _ = DialLineAsync(_gateway, request.Number, request.RingTimeout, cancel, static r => new GatewayDialedSignal(r));
        _ = RunAsync();
    }

    private void BeginGatewayInbound()
    {
        Log.GatewayCallStarted(_s.Logger, Id, _gateway!.Name, Route.Queue);
        _s.Events.Publish(CallEvents.Offered(Id, "inbound", null, null, Route.Queue, Route.Caller));
        ArmCallTimers();
        WatchLine();
        _acdCallIds.Add(AcdCallId);
        _s.Acd.Post(new CallArrived(AcdCallId, Route.Queue, Route.Caller));
        _ = RunAsync();
    }

    private void WatchLine()
    {
        _lineEndedHandler = (_, e) => Post(new GatewayLineEndedSignal(e.Reason, e.Cause));
        _gateway!.CallEnded += _lineEndedHandler;
    }

    /// <summary>Runs the AT dial off the loop (it lasts as long as the ringing) and posts its result.</summary>
    private async Task DialLineAsync(IGatewayLine line, string number, TimeSpan ringTimeout, CancellationTokenSource cancel, Func<GatewayDialResult, CallSignal> toSignal)
    {
        GatewayDialResult result;
        try
        {
            result = await line.DialAsync(number, ringTimeout, cancel.Token);
        }
        catch (ArgumentException)
        {
            // Not an E.164 number the module can dial.
            result = new GatewayDialResult(GatewayDialOutcome.NoCarrier, "Invalid number format");
        }
#pragma warning disable CA1031 // Whatever failed, the call must learn the attempt is over.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.GatewayDialFailed(_s.Logger, Id, line.Name, ex);
            result = new GatewayDialResult(GatewayDialOutcome.LineFailure);
        }
        finally
        {
            cancel.Dispose();
        }

        if (!Post(toSignal(result)) && result.IsAnswered)
        {
            // The call is already gone: do not leave the customer on an open line.
            _ = line.HangupAsync(CancellationToken.None);
        }
    }

    private Task OnGatewayAsync(GatewaySignal signal) => signal switch
    {
        GatewayDialedSignal d => OnGatewayDialedAsync(d.Result),
        GatewayLineEndedSignal e => OnLineEndedAsync(e),
        _ => Task.CompletedTask,
    };

    private async Task OnGatewayDialedAsync(GatewayDialResult result)
    {
        _customerRingTime = _s.Time.GetUtcNow() - StartedAt;
        if (_phase == CallPhase.Ended)
        {
            if (result.IsAnswered)
            {
                _ = _gateway!.HangupAsync(CancellationToken.None);
            }

            return;
        }

        Log.GatewayDialed(_s.Logger, Id, _gateway!.Name, result.Label);
        if (!result.IsAnswered)
        {
            var (outcome, hungUpBy, q850) = GatewayDialOutcomes.Map(result);
            ReportOutcome(outcome, null);
            ReleaseUnrungReservation();
            await EndAsync(DispositionOf(outcome), hungUpBy, null, q850);
            return;
        }

        _lineInCall = true;
        _lineAnswered = true;
        if (_lineEndedEarly is { } ended)
        {
            // The customer hung up between the answer and this signal.
            await OnLineEndedAsync(ended);
            return;
        }

        if (!StartGatewayAudioLeg(SdpNegotiator.CreateOffer(_callerMedia), _callerMedia, _dial!.MaskedNumber))
        {
            ReportOutcome(CallOutcome.NetworkFailure, null);
            ReleaseUnrungReservation();
            await EndAsync(CdrDisposition.NetworkFailure, HangupParty.System, null, Q850Causes.TemporaryFailure);
        }
    }

    /// <summary>INVITEs the line's audio endpoint as the caller-side leg, media anchored on relay leg A.</summary>
    private bool StartGatewayAudioLeg(SdpSessionDescription sdp, SdpMediaOptions offer, string target)
    {
        var line = _gateway!;
        if (!GatewayAudioEndpoint.TryParse(line.AudioEndpoint, out var endpoint))
        {
            Log.GatewayBadAudioEndpoint(_s.Logger, Id, line.Name);
            return false;
        }

        var destination = _s.Listeners.FromAgentListener(endpoint.Destination);
        var invite = new SipRequest(SipMethods.Invite, endpoint.Uri.Clone());
        var fromUser = Direction == CallDirection.Outbound ? Route.Did : Route.Caller is { Length: > 0 } caller ? caller : "anonymous";
        var from = new SipNameAddr(new SipUri("sip", _s.Listeners.Domain) { User = fromUser }) { Tag = SipDialog.NewTag() };
        invite.Headers.Add(SipHeaderNames.From, from.ToString());
        invite.Headers.Add(SipHeaderNames.To, new SipNameAddr(endpoint.Uri.Clone()).ToString());
        invite.Headers.Add(SipHeaderNames.CallId, SipDialog.NewCallId());
        invite.Headers.Add(SipHeaderNames.CSeq, "1 " + SipMethods.Invite);
        invite.Headers.Add(SipHeaderNames.Contact, CallListeners.Contact("cti", destination.Local!, destination.Transport));
        invite.Headers.Add(SipHeaderNames.Allow, AllowHeader);
        invite.Headers.Add(CallController.CallIdHeader, Id);
        AttachSdp(invite, sdp);
        var leg = new CalleeLeg
        {
            Token = NextToken(),
            Kind = CalleeKind.Customer,
            Target = target,
            AcdCallId = AcdCallId,
            Invite = invite,
            Destination = destination,
            StartedAt = _s.Time.GetUtcNow(),
            Offer = offer,
        };
        StartInvite(leg, guard: AudioAnswerTimeout);
        return true;
    }

    /// <summary>The final response of the audio endpoint (the Customer leg of a gateway call).</summary>
    private async Task OnGatewayAudioFinalAsync(CalleeLeg leg, SipResponse response)
    {
        SdpNegotiationResult? answer = null;
        if (response.IsSuccess)
        {
            var (accepted, usable) = await AcceptCallerAnswerAsync(leg, response);
            answer = usable ? accepted : null;
        }

        if (_phase == CallPhase.Ended)
        {
            return;
        }

        if (answer is null)
        {
            // The gateway refused its own channel's audio: the PSTN call cannot be heard, so it is ended.
            Log.GatewayAudioFailed(_s.Logger, Id, _gateway!.Name, response.StatusCode);
            CancelAllOffers();
            if (_connected is { } agentLeg)
            {
                SendBye(agentLeg.Dialog!, Q850Causes.TemporaryFailure);
                TellAcdLegEnded(agentLeg, callerHungUp: true);
            }

            ReportOutcome(CallOutcome.NetworkFailure, response.StatusCode);
            ReleaseUnrungReservation();
            await EndAsync(Direction == CallDirection.Outbound ? CdrDisposition.NetworkFailure : CdrDisposition.Failed, HangupParty.System, response.StatusCode, Q850Causes.TemporaryFailure);
            return;
        }

        _callerNegotiation = answer;
        _relay.LegA.SetRemote(answer.RemoteRtp, answer.RemoteRtcp);
        _relay.LegA.PayloadType = answer.Codec!.PayloadType;
        _relay.LegA.TelephoneEventPayloadType = answer.TelephoneEventPayloadType ?? -1;
        if (Direction == CallDirection.Inbound)
        {
            // The agent is already connected on leg B: the relay now bridges the two.
            _relay.StopPlayback(RtpRelayLegId.A);
            Log.GatewayBridged(_s.Logger, Id, _gateway!.Name);
            return;
        }

        _relay.LegB.PayloadType = answer.Codec.PayloadType;
        _callerAnswered = true;
        Log.CustomerAnswered(_s.Logger, Id);
        _abandonTimer = _s.Time.CreateTimer(static s => ((CallSession)s!).Post(new AbandonDeadlineSignal()), this, _s.Options.AbandonWait, Timeout.InfiniteTimeSpan);
        if (_reservedAgent is { } reserved)
        {
            _reservedAgent = null;
            await RingReservedAgentAsync(reserved);
        }
        else
        {
            await HuntAgentAsync();
        }
    }

    /// <summary>An agent took an inbound gateway call: ATA, then the audio endpoint is INVITEd. False when the caller has gone.</summary>
    private async Task<bool> AnswerGatewayCallerAsync()
    {
        var line = _gateway!;
        var result = await line.AnswerAsync(CancellationToken.None);
        if (!result.Succeeded)
        {
            // The caller hung up as the agent answered (or the module refused ATA): treat it as the caller leaving.
            Log.GatewayAnswerFailed(_s.Logger, Id, line.Name, result.Error ?? "unknown");
            await CallerLeftGatewayAsync(failure: false);
            return false;
        }

        _callerAnswered = true;
        var offer = _callerMedia with { Codecs = [_callerNegotiation.Codec!] };
        if (!StartGatewayAudioLeg(SdpNegotiator.CreateOffer(offer), offer, line.Name))
        {
            if (_connected is { } agentLeg)
            {
                SendBye(agentLeg.Dialog!, Q850Causes.TemporaryFailure);
                TellAcdLegEnded(agentLeg, callerHungUp: true);
            }

            await EndAsync(CdrDisposition.Failed, HangupParty.System, null, Q850Causes.TemporaryFailure);
            return false;
        }

        return true;
    }

    /// <summary>Releases a gateway caller: BYE to the audio endpoint (or CANCEL while it rings) and the line hung up.</summary>
    private void ReleaseGatewayCaller(int q850)
    {
        if (_callerDialog is not null)
        {
            SendBye(_callerDialog, q850);
        }

        CancelCustomer();
        HangUpLine();
    }

    private async Task OnLineEndedAsync(GatewayLineEndedSignal signal)
    {
        if (_phase == CallPhase.Ended || signal.Reason == GatewayCallEndReason.LocalHangup)
        {
            return;
        }

        _lineInCall = false;
        if (Direction == CallDirection.Outbound && !_lineAnswered)
        {
            // While dialling the dial's own result tells how it ended; this only matters if it said "answered".
            _lineEndedEarly = signal;
            return;
        }

        var failure = signal.Reason == GatewayCallEndReason.LineFailure;
        Log.GatewayLineEnded(_s.Logger, Id, _gateway!.Name, signal.Reason);
        if (Direction == CallDirection.Inbound && !_callerAnswered)
        {
            await CallerLeftGatewayAsync(failure);
            return;
        }

        var q850 = failure ? Q850Causes.TemporaryFailure : Q850Causes.NormalClearing;
        CancelAllOffers();
        ReleaseCalleeAsCallerLeaves(q850);

        if (_callerDialog is not null)
        {
            SendBye(_callerDialog, q850);
        }

        var disposition = failure ? CdrDisposition.NetworkFailure : AnsweredAt is null ? CdrDisposition.Abandoned : CdrDisposition.Answered;
        var hungUpBy = failure ? HangupParty.System : Direction == CallDirection.Outbound ? HangupParty.Callee : HangupParty.Caller;
        await EndAsync(disposition, hungUpBy, null, q850);
    }

    /// <summary>The inbound caller is gone before the line was answered (or ATA failed): like a CANCEL on a trunk.</summary>
    private async Task CallerLeftGatewayAsync(bool failure)
    {
        Log.CallerLeft(_s.Logger, Id);
        CancelAllOffers();
        ReleaseCalleeAsCallerLeaves();

        await EndAsync(failure ? CdrDisposition.NetworkFailure : CdrDisposition.Abandoned, failure ? HangupParty.System : HangupParty.Caller, null, failure ? Q850Causes.TemporaryFailure : Q850Causes.NormalClearing);
    }

    /// <summary>Called once from EndAsync: stop following the line, stop a dial in progress, hang up a live line call.</summary>
    private void EndGatewayLine()
    {
        if (_gateway is null)
        {
            return;
        }

        if (_lineEndedHandler is not null)
        {
            _gateway.CallEnded -= _lineEndedHandler;
            _lineEndedHandler = null;
        }

        CancelDial(ref _cancelDial);

        HangUpLine();
    }

    /// <summary>Stops a line dial still in progress; once the dial has finished its source is disposed, which is fine.</summary>
    private static void CancelDial(ref Action? cancel)
    {
        if (cancel is { } dial)
        {
            cancel = null;
            try
            {
                dial();
            }
            catch (ObjectDisposedException)
            {
                // The dial had already finished.
            }
        }
    }

    private void HangUpLine()
    {
        if (_gateway is not null && _lineInCall)
        {
            _lineInCall = false;
            _ = HangUpLineQuietlyAsync(_gateway);
        }
    }

    private async Task HangUpLineQuietlyAsync(IGatewayLine line)
    {
        var result = await line.HangupAsync(CancellationToken.None);
        if (!result.Succeeded)
        {
            Log.GatewayHangupFailed(_s.Logger, Id, line.Name, result.Error ?? "unknown");
        }
    }

    /// <summary>A gateway call's CDR names the line instead of a trunk and has no DID.</summary>
    private Cdr WithGatewayFields(Cdr cdr)
    {
        if (_gateway is null)
        {
            return cdr;
        }

        return Direction == CallDirection.Outbound
            ? cdr with { Trunk = null, Line = _gateway.Name }
            : cdr with { Trunk = null, Line = _gateway.Name, Did = null, To = null };
    }

    /// <summary>
    /// Gateway calls reuse the trunk-shaped route: the "trunk" is the line (no peers, so no external transfer), and its
    /// region reads numbers typed by agents.
    /// </summary>
    internal static TrunkConfig LineRoute(IGatewayLine line, Cti.Numbers.PhoneNumberNormalizer numbers) =>
        new(line.Name, string.Empty, [], [], new DidRouter([]), numbers, TimeSpan.Zero);
}
