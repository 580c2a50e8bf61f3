using Cti.Gateways.Lines;
using Cti.Dialer.Campaigns;
using Cti.Cdrs;
using Cti.Host.Calls.Legs;
using Cti.Host.Trunks;
using Cti.Routing.Engine;
using Cti.Sip.Messages;
using Cti.Sip.Sdp;
using CallDirection = Cti.Cdrs.CallDirection;
using Cti.Media.Relay;

namespace Cti.Host.Calls;

/// <summary>
/// Calls whose customer is on a PSTN/GSM gateway line (<see cref="GatewayCallerLeg"/>).
/// </summary>
/// <remarks>
/// Outbound: the line dials; on answer the audio endpoint is INVITEd and from its 200 on the call is an ordinary
/// dialer call (abandon wait, agent hunting, bridging). Inbound: RING/+CLIP queues the call without a SIP caller leg
/// (the PSTN caller hears the network's ringback); when an agent answers, ATA picks the line up and the audio endpoint
/// is INVITEd and bridged. Whatever ends the call hangs the line up; a line call that ends first ends the call.
/// </remarks>
internal sealed partial class CallSession
{
    private GatewayCallerLeg Gateway => (GatewayCallerLeg)_caller;

    /// <summary>The gateway line of this call, when its customer is on one.</summary>
    public string? LineName => _caller.LineName;

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
        var media = CallerMediaOptions(services, relay);
        var fromUser = caller is { Length: > 0 } ? caller : "anonymous";
        var call = new CallSession(services, registry, id, route, relay, c => new GatewayCallerLeg(line, inbound: true, fromUser, media, negotiation, c._legs, c._lineCalls, services.Logger));
        relay.Start();
        call.Enlist();
        call.BeginGatewayInbound();
        return true;
    }

    private void BeginGatewayOutbound()
    {
        var request = _dial!;
        Log.GatewayDialing(_s.Logger, Id, Gateway.Line.Name);
        Gateway.Watch(Post);
        Gateway.Dial(request.Number, request.RingTimeout, Post);
        _ = RunAsync();
    }

    private void BeginGatewayInbound()
    {
        Log.GatewayCallStarted(_s.Logger, Id, Gateway.Line.Name, Route.Queue);
        _s.Events.Publish(CallEvents.Offered(Id, "inbound", null, null, Route.Queue, Route.Caller));
        ArmCallTimers();
        Gateway.Watch(Post);
        _acdCallIds.Add(AcdCallId);
        _s.Acd.Post(new CallArrived(AcdCallId, Route.Queue, Route.Caller));
        _ = RunAsync();
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
                _ = Gateway.Line.HangupAsync(CancellationToken.None);
            }

            return;
        }

        Gateway.LogDialed(result);
        if (!result.IsAnswered)
        {
            var (outcome, hungUpBy, q850) = GatewayDialOutcomes.Map(result);
            ReportOutcome(outcome, null);
            ReleaseUnrungReservation();
            await EndAsync(DispositionOf(outcome), hungUpBy, null, q850);
            return;
        }

        if (Gateway.LineAnswered() is { } ended)
        {
            // The customer hung up between the answer and this signal.
            await OnLineEndedAsync(ended);
            return;
        }

        if (!Gateway.StartOutboundAudio(_dial!.MaskedNumber))
        {
            ReportOutcome(CallOutcome.NetworkFailure, null);
            ReleaseUnrungReservation();
            await EndAsync(CdrDisposition.NetworkFailure, HangupParty.System, null, Q850Causes.TemporaryFailure);
        }
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
            Gateway.LogAudioFailed(response.StatusCode);
            _legs.CancelAll();
            if (_connected is { } agentLeg)
            {
                _sender.SendBye(agentLeg.Dialog!, Q850Causes.TemporaryFailure);
                TellAcdLegEnded(agentLeg, callerHungUp: true);
            }

            ReportOutcome(CallOutcome.NetworkFailure, response.StatusCode);
            ReleaseUnrungReservation();
            await EndAsync(Direction == CallDirection.Outbound ? CdrDisposition.NetworkFailure : CdrDisposition.Failed, HangupParty.System, response.StatusCode, Q850Causes.TemporaryFailure);
            return;
        }

        _relay.LegA.SetRemote(answer.RemoteRtp, answer.RemoteRtcp);
        _relay.LegA.PayloadType = answer.Codec!.PayloadType;
        _relay.LegA.TelephoneEventPayloadType = answer.TelephoneEventPayloadType ?? -1;
        if (Direction == CallDirection.Inbound)
        {
            // The agent is already connected on leg B: the relay now bridges the two.
            _relay.StopPlayback(RtpRelayLegId.A);
            Gateway.LogBridged();
            return;
        }

        _relay.LegB.PayloadType = answer.Codec.PayloadType;
        _caller.MarkAnswered();
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

    private async Task OnLineEndedAsync(GatewayLineEndedSignal signal)
    {
        if (_phase == CallPhase.Ended || !Gateway.TakeLineEnd(signal))
        {
            return;
        }

        var failure = signal.Reason == GatewayCallEndReason.LineFailure;
        if (Direction == CallDirection.Inbound && !_caller.Answered)
        {
            await CallerLeftGatewayAsync(failure);
            return;
        }

        var q850 = failure ? Q850Causes.TemporaryFailure : Q850Causes.NormalClearing;
        _legs.CancelAll();
        ReleaseCalleeAsCallerLeaves(q850);

        if (_caller.Dialog is { } audio)
        {
            _sender.SendBye(audio, q850);
        }

        var disposition = failure ? CdrDisposition.NetworkFailure : AnsweredAt is null ? CdrDisposition.Abandoned : CdrDisposition.Answered;
        var hungUpBy = failure ? HangupParty.System : Direction == CallDirection.Outbound ? HangupParty.Callee : HangupParty.Caller;
        await EndAsync(disposition, hungUpBy, null, q850);
    }

    /// <summary>The inbound caller is gone before the line was answered (or ATA failed): like a CANCEL on a trunk.</summary>
    private async Task CallerLeftGatewayAsync(bool failure)
    {
        Log.CallerLeft(_s.Logger, Id);
        _legs.CancelAll();
        ReleaseCalleeAsCallerLeaves();

        await EndAsync(failure ? CdrDisposition.NetworkFailure : CdrDisposition.Abandoned, failure ? HangupParty.System : HangupParty.Caller, null, failure ? Q850Causes.TemporaryFailure : Q850Causes.NormalClearing);
    }

    /// <summary>
    /// Gateway calls reuse the trunk-shaped route: the "trunk" is the line (no peers, so no external transfer), and its
    /// region reads numbers typed by agents.
    /// </summary>
    internal static TrunkConfig LineRoute(IGatewayLine line, Cti.Numbers.PhoneNumberNormalizer numbers) =>
        new(line.Name, string.Empty, [], [], new DidRouter([]), numbers, TimeSpan.Zero);
}
