using System.Security.Cryptography;
using Cti.Dialer.Campaigns;
using Cti.Gateways.Lines;
using Cti.Calls.Flows;
using Cti.Calls.Legs;
using Cti.Campaigns;
using Cti.Trunks;
using Cti.Media.Relay;
using Cti.Sip.Dialogs;
using Cti.Sip.Messages;
using Cti.Sip.Sdp;
using Cti.Sip.Stack;

namespace Cti.Calls;

/// <summary>
/// Where calls begin: each kind of call is a flow composed with its caller leg (an INVITE we answer, a customer we
/// ring through a trunk, a gateway line), on a relay bound for the call. Refusals before a call exists are answered
/// here. The only place that creates a <see cref="CallSession"/>, and so the only holder of the
/// <see cref="CallServices"/> every call shares.
/// </summary>
internal sealed partial class CallFactory(CallServices services, CallRegistry registry)
{
    /// <summary>
    /// Takes a screened trunk INVITE: checks its SDP offer, anchors media, answers 183 (prompt and music) or 180, and
    /// queues the call in the ACD. Refusals are answered here (488 without a usable offer, 503 without media ports).
    /// </summary>
    public async ValueTask InboundAsync(SipServerContext invite, TrunkInviteRoute route)
    {
        var call = await CreateForInviteAsync(invite, route, (c, sip) =>
            new InboundQueueFlow(c, sip, null, services.Acd, services.Options.EarlyMedia, services.Logger));
        if (call is not null)
        {
            await call.StartAsync();
        }
    }

    /// <summary>Starts an authenticated agent's call to <paramref name="number"/> (E.164) through <paramref name="trunk"/>.</summary>
    /// <remarks>With <paramref name="line"/> the number is dialled on that gateway line (AT) and its audio endpoint is the callee leg.</remarks>
    public async ValueTask AgentOwnAsync(SipServerContext invite, string agentId, string number, TrunkConfig trunk, string callerId, IGatewayLine? line = null)
    {
        // The route's caller is what the far end sees (the centre's number); its Did slot holds the dialled number.
        var route = new TrunkInviteRoute(trunk, number, string.Empty, callerId, null);
        var call = await CreateForInviteAsync(invite, route, (c, sip) =>
            new AgentOwnCallFlow(c, sip, agentId, number, line, services.Acd, services.Listeners, new GatewayLineCalls(c.Id, services.Logger), services.Options.ManualCallRingTimeout, services.Logger));
        if (call is not null)
        {
            await call.StartAsync();
        }
    }

    /// <summary>
    /// Places <paramref name="request"/> through <paramref name="trunk"/>, or, with <paramref name="line"/>, on that
    /// gateway line (then <paramref name="trunk"/> is the line's route). A failure before the first attempt is reported
    /// at once.
    /// </summary>
    public void Dialer(DialRequest request, IDialOutcomeSink campaign, TrunkConfig trunk, IGatewayLine? line = null)
    {
        if (!TryCreateRelay(request.CallId, out var relay))
        {
            campaign.Report(new CallOutcomeReport(request.CallId, CallOutcome.NetworkFailure, TimeSpan.Zero, 503));
            return;
        }

        var route = new TrunkInviteRoute(trunk, request.CallerId, request.CampaignId, request.Number, null);
        var media = CallerMediaOptions(relay);
        Func<CallSession, CallerLeg> caller = line is null
            ? c => new SipCustomerLeg(media, c.Sender)
            : c => new GatewayCallerLeg(line, inbound: false, route.Did, media, SdpNegotiationResult.Failed(SdpNegotiationError.None), c.Legs, new GatewayLineCalls(c.Id, services.Logger), services.Logger);
        var call = new CallSession(services, registry, request.CallId, route, relay, caller, c => new DialerCallFlow(
            c, request, campaign, c.Caller as SipCustomerLeg, c.Caller as GatewayCallerLeg, services.Acd, registry, services.Prompts, services.Options.AbandonWait, services.Time, services.Logger));
        relay.Start();
        _ = call.StartAsync();
    }

    /// <summary>
    /// Places a click-to-dial call: <paramref name="agentId"/>'s phone at <paramref name="contact"/> first, then
    /// <paramref name="number"/> (E.164) through <paramref name="trunk"/> from <paramref name="callerId"/>. Null when
    /// no media ports are free.
    /// </summary>
    public CallSession? ClickToDial(string agentId, AgentContact contact, string number, TrunkConfig trunk, string callerId)
    {
        var id = NewCorrelationId();
        if (!TryCreateRelay(id, out var relay))
        {
            return null;
        }

        // As for an agent's own call: the route's caller is what the customer sees, its Did slot the dialled number.
        var route = new TrunkInviteRoute(trunk, number, string.Empty, callerId, null);
        var media = CallerMediaOptions(relay);
        var click = services.Options.ClickToDial;
        var call = new CallSession(
            services,
            registry,
            id,
            route,
            relay,
            c =>
            {
                var phone = new SipCustomerLeg(media, c.Sender);
                phone.CreateAgentInvite(c.Legs, agentId, contact.Uri, services.Listeners.FromAgentListener(contact.Destination), number);
                return phone;
            },
            c => new ClickToDialFlow(c, (SipCustomerLeg)c.Caller, agentId, number, services.Acd, click.AgentRingTimeout, click.RingTimeout, services.Logger));
        relay.Start();
        _ = call.StartAsync();
        return call;
    }

    /// <summary>
    /// Queues an inbound call ringing on <paramref name="line"/> in <paramref name="queue"/>; <paramref name="caller"/>
    /// is the E.164 caller id (null when withheld). False when the call could not be taken (no media ports).
    /// </summary>
    public bool GatewayInbound(IGatewayLine line, string queue, string? caller)
    {
        var id = NewCorrelationId();
        if (!TryCreateRelay(id, out var relay))
        {
            return false;
        }

        // The agent is rung before the gateway's audio leg exists, so the codec is chosen now (G.711 A-law, what GSM
        // and E1 gateways carry natively) and the audio endpoint is later offered exactly that codec.
        var negotiation = new SdpNegotiationResult { Codec = SdpCodec.Pcma };
        relay.LegA.PayloadType = SdpCodec.Pcma.PayloadType;
        relay.LegB.PayloadType = SdpCodec.Pcma.PayloadType;
        var route = new TrunkInviteRoute(LineRoute(line), string.Empty, queue, caller, null);
        var media = CallerMediaOptions(relay);
        var fromUser = caller is { Length: > 0 } ? caller : "anonymous";
        var call = new CallSession(
            services,
            registry,
            id,
            route,
            relay,
            c => new GatewayCallerLeg(line, inbound: true, fromUser, media, negotiation, c.Legs, new GatewayLineCalls(c.Id, services.Logger), services.Logger),
            c => new InboundQueueFlow(c, null, (GatewayCallerLeg)c.Caller, services.Acd, services.Options.EarlyMedia, services.Logger));
        relay.Start();
        _ = call.StartAsync();
        return true;
    }

    /// <summary>
    /// Gateway calls reuse the trunk-shaped route: the "trunk" is the line (no peers, so no external transfer), and its
    /// region reads numbers typed by agents.
    /// </summary>
    public TrunkConfig LineRoute(IGatewayLine line) =>
        new(line.Name, string.Empty, [], [], new DidRouter([]), services.Numbers, TimeSpan.Zero);

    /// <summary>
    /// Checks the SDP offer of an INVITE we answer (a carrier's, or an agent's own call), anchors its media on relay
    /// leg A and creates the call with its caller dialog mapped. Refusals are answered here: 488 without a usable
    /// offer, 503 without media ports; null then.
    /// </summary>
    private async ValueTask<CallSession?> CreateForInviteAsync(SipServerContext invite, TrunkInviteRoute route, Func<CallSession, SipCallerLeg, CallFlow> flow)
    {
        var request = invite.Request;
        if (request.Body.IsEmpty || !SdpBodies.IsSdp(request.ContentType))
        {
            await RejectAsync(invite, 488, "SDP offer required", CallRejectReasons.NoSdp);
            return null;
        }

        if (!SdpParser.TryParse(request.Body.Span, out var offer, out var sdpError))
        {
            Log.BadSdp(services.Logger, sdpError.Code, sdpError.Line);
            await RejectAsync(invite, 488, "Malformed SDP", CallRejectReasons.BadSdp);
            return null;
        }

        var id = NewCorrelationId();
        if (!TryCreateRelay(id, out var relay))
        {
            await invite.RespondAsync(invite.CreateResponse(503, "Media ports exhausted"));
            return null;
        }

        var media = CallerMediaOptions(relay);
        var negotiation = SdpNegotiator.Answer(offer, media);
        if (!negotiation.Success || negotiation.Codec is not { PayloadType: 0 or 8 })
        {
            await relay.DisposeAsync();
            await RejectAsync(invite, 488, "No common codec (PCMA or PCMU)", CallRejectReasons.NoCommonCodec);
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
        var call = new CallSession(services, registry, id, route, relay, c => new SipCallerLeg(invite, dialog, media, negotiation, c.Sender), c => flow(c, (SipCallerLeg)c.Caller));
        registry.MapDialog(dialog.CallId, dialog.LocalTag, call, CallLegSide.Caller);
        return call;
    }

    /// <summary>What relay leg A offers or answers: PCMA and PCMU with telephone events, at the relay's address.</summary>
    private SdpMediaOptions CallerMediaOptions(RtpRelaySession relay) => new()
    {
        Address = services.MediaAddress,
        RtpPort = relay.LegA.LocalRtpEndPoint.Port,
        Codecs = [SdpCodec.Pcma, SdpCodec.Pcmu],
        SessionId = SdpBodies.NewSessionId(),
        SessionVersion = 1,
    };

    /// <summary>
    /// Binds the relay of a new call; when the port range is exhausted the failure is logged and counted and the
    /// caller answers the party (503, or a network-failure outcome).
    /// </summary>
    private bool TryCreateRelay(string id, out RtpRelaySession relay)
    {
        if (RtpRelaySession.TryCreate(id, services.Ports, services.RelayOptions, services.Time, services.RelayLogger, out relay, out var error))
        {
            return true;
        }

        Log.NoMediaPorts(services.Logger, error);
        services.Metrics.Rejected(CallRejectReasons.NoMediaPorts);
        return false;
    }

    private async ValueTask RejectAsync(SipServerContext invite, int status, string reason, string metricReason)
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

    private static partial class Log
    {
        [LoggerMessage(EventId = 5019, Level = LogLevel.Information, Message = "Trunk INVITE refused: malformed SDP ({Code} on line {Line})")]
        public static partial void BadSdp(ILogger logger, Cti.Sip.Sdp.SdpParseErrorCode code, int line);

        [LoggerMessage(EventId = 5020, Level = LogLevel.Warning, Message = "Trunk INVITE refused: no RTP ports ({Error})")]
        public static partial void NoMediaPorts(ILogger logger, Cti.Media.Relay.RtpRelayCreateError error);
    }
}
