using System.Security.Cryptography;
using Cti.Cdrs;
using CallDirection = Cti.Cdrs.CallDirection;
using Cti.Host.Calls.Legs;
using Cti.Host.Trunks;
using Cti.Routing.Engine;
using Cti.Sip.Dialogs;
using Cti.Sip.Messages;
using Cti.Sip.Sdp;
using Cti.Sip.Stack;
using Cti.Media.Audio;
using Cti.Media.Relay;

namespace Cti.Host.Calls;

internal sealed partial class CallSession
{
    /// <summary>
    /// Takes a screened trunk INVITE: checks its SDP offer, anchors media, answers 183 (prompt and music) or 180, and
    /// queues the call in the ACD. Refusals are answered here (488 without a usable offer, 503 without media ports).
    /// </summary>
    public static async ValueTask StartAsync(CallServices services, CallRegistry registry, SipServerContext invite, TrunkInviteRoute route)
    {
        var call = await CreateForInviteAsync(services, registry, invite, route, CallDirection.Inbound);
        if (call is not null)
        {
            await call.BeginAsync();
        }
    }

    /// <summary>
    /// Checks the SDP offer of an INVITE we answer (a carrier's, or an agent's own call), anchors its media on relay
    /// leg A and creates the call with its caller dialog, registered. Refusals are answered here: 488 without a usable
    /// offer, 503 without media ports; null then.
    /// </summary>
    private static async ValueTask<CallSession?> CreateForInviteAsync(CallServices services, CallRegistry registry, SipServerContext invite, TrunkInviteRoute route, CallDirection direction)
    {
        var request = invite.Request;
        if (request.Body.IsEmpty || !SdpBodies.IsSdp(request.ContentType))
        {
            await RejectAsync(services, invite, 488, "SDP offer required", CallRejectReasons.NoSdp);
            return null;
        }

        if (!SdpParser.TryParse(request.Body.Span, out var offer, out var sdpError))
        {
            Log.BadSdp(services.Logger, sdpError.Code, sdpError.Line);
            await RejectAsync(services, invite, 488, "Malformed SDP", CallRejectReasons.BadSdp);
            return null;
        }

        var id = NewCorrelationId();
        if (!TryCreateRelay(services, id, out var relay))
        {
            await invite.RespondAsync(invite.CreateResponse(503, "Media ports exhausted"));
            return null;
        }

        var media = CallerMediaOptions(services, relay);
        var negotiation = SdpNegotiator.Answer(offer, media);
        if (!negotiation.Success || negotiation.Codec is not { PayloadType: 0 or 8 })
        {
            await relay.DisposeAsync();
            await RejectAsync(services, invite, 488, "No common codec (PCMA or PCMU)", CallRejectReasons.NoCommonCodec);
            return null;
        }

        relay.LegA.SetRemote(negotiation.RemoteRtp, negotiation.RemoteRtcp);
        relay.LegA.PayloadType = negotiation.Codec.PayloadType;
        relay.LegA.TelephoneEventPayloadType = negotiation.TelephoneEventPayloadType ?? -1;
        relay.LegB.PayloadType = negotiation.Codec.PayloadType;
        relay.Start();

        var local = invite.Source.Local ?? services.Listeners.Listener(route.Trunk.Profile);
        var user = request.RequestUri.User ?? route.Did;
        var dialog = SipDialog.CreateAsUas(request, invite.LocalTag, invite.Source, CallListeners.Contact(user, local, invite.Source.Transport));
        var call = new CallSession(services, registry, id, route, relay, c => new SipCallerLeg(invite, dialog, media, negotiation, c._sender), direction);
        call.Enlist();
        registry.MapDialog(dialog.CallId, dialog.LocalTag, call, CallLegSide.Caller);
        return call;
    }

    /// <summary>What relay leg A offers or answers: PCMA and PCMU with telephone events, at the relay's address.</summary>
    private static SdpMediaOptions CallerMediaOptions(CallServices services, RtpRelaySession relay) => new()
    {
        Address = services.MediaAddress,
        RtpPort = relay.LegA.LocalRtpEndPoint.Port,
        Codecs = [SdpCodec.Pcma, SdpCodec.Pcmu],
        SessionId = SdpBodies.NewSessionId(),
        SessionVersion = 1,
    };

    private async Task BeginAsync()
    {
        Log.CallStarted(_s.Logger, Id, Route.Trunk.Name, Route.Queue);
        _s.Events.Publish(CallEvents.Offered(Id, "inbound", Route.Trunk.Name, Route.Did, Route.Queue, Route.Caller));
        await ((SipCallerLeg)_caller).RingAsync(_s.Options.EarlyMedia);
        if (_s.Options.EarlyMedia)
        {
            PlayWelcome();
        }

        ArmCallTimers();
        _acdCallIds.Add(AcdCallId);
        _s.Acd.Post(new CallArrived(AcdCallId, Route.Queue, Route.Caller));
        _ = RunAsync();
    }

    private void PlayWelcome()
    {
        if (_s.Prompts.Open(PromptFiles.Welcome, loop: false) is { } welcome)
        {
            _relay.StartPlayback(RtpRelayLegId.A, welcome);
            _welcomeTimer = _s.Time.CreateTimer(static s => ((CallSession)s!).Post(new WelcomeDoneSignal()), this, _s.Prompts.Length(PromptFiles.Welcome), Timeout.InfiniteTimeSpan);
        }
        else
        {
            PlayMusic();
        }
    }

    private void PlayMusic()
    {
        if ((_caller.Answered || _s.Options.EarlyMedia) && _s.Prompts.Open(PromptFiles.Hold, loop: true) is { } music)
        {
            _relay.StartPlayback(RtpRelayLegId.A, music);
        }
    }

    private Task OnWelcomeDoneAsync()
    {
        if (_phase == CallPhase.Waiting)
        {
            PlayMusic();
        }

        return Task.CompletedTask;
    }

    /// <summary>Answers the caller side if it is not yet; false when the caller has gone (the call then ends or is ending).</summary>
    private async Task<bool> AnswerCallerAsync()
    {
        switch (await _caller.AnswerAsync())
        {
            case CallerAnswer.Answered:
                return true;
            case CallerAnswer.Left:
                await CallerLeftGatewayAsync(failure: false);
                return false;
            case CallerAnswer.Failed:
                if (_connected is { } agentLeg)
                {
                    _sender.SendBye(agentLeg.Dialog!, Q850Causes.TemporaryFailure);
                    TellAcdLegEnded(agentLeg, callerHungUp: true);
                }

                await EndAsync(CdrDisposition.Failed, HangupParty.System, null, Q850Causes.TemporaryFailure);
                return false;
            default:
                return false;
        }
    }

    private async Task OnCallerCancelledAsync()
    {
        if (_caller.Answered || _phase == CallPhase.Ended)
        {
            return;
        }

        Log.CallerLeft(_s.Logger, Id);
        _legs.CancelAll();
        // A connected agent here means the agent's 200 and the caller's CANCEL crossed: the caller won.
        ReleaseCalleeAsCallerLeaves();

        await EndAsync(IsAgentCall ? CdrDisposition.NoAnswer : CdrDisposition.Abandoned, IsAgentCall ? HangupParty.Agent : HangupParty.Caller, 487, Q850Causes.NormalClearing);
    }

    private static async ValueTask RejectAsync(CallServices services, SipServerContext invite, int status, string reason, string metricReason)
    {
        services.Metrics.Rejected(metricReason);
        var response = invite.CreateResponse(status, reason);
        if (status == 488)
        {
            response.Headers.Add(SipHeaderNames.Accept, SdpBodies.ContentType);
        }

        await invite.RespondAsync(response);
    }

    private static string NewCorrelationId() => "c" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
