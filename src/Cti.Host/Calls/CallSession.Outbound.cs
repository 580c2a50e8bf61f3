using Cti.Gateways.Hosting;
using Cti.Gateways.Lines;
using Cti.Dialer.Campaigns;
using Cti.Cdrs;
using Cti.Host.Dialer;
using Cti.Host.Calls.Legs;
using Cti.Host.Trunks;
using Cti.Routing.Engine;
using Cti.Sip.Dialogs;
using Cti.Sip.Messages;
using Cti.Sip.Sdp;
using CallDirection = Cti.Cdrs.CallDirection;
using Cti.Media.Relay;

namespace Cti.Host.Calls;

/// <summary>
/// Outbound (dialer) calls: the customer is rung first through a trunk; when they answer, a free agent of the
/// campaign is reserved in the ACD and rung, and must be talking to them within the abandon wait (2 s by default).
/// Otherwise the customer hears the abandon message and is released, and the call counts as abandoned.
/// </summary>
internal sealed partial class CallSession
{
    private readonly HashSet<string> _triedAgents = new(StringComparer.Ordinal);
    private DialRequest? _dial;
    private string? _reservedAgent;
    private ITimer? _abandonTimer;
    private ITimer? _huntTimer;
    private bool _abandoning;
    private bool _outcomeReported;
    private bool _customerTimedOut;
    private TimeSpan _customerRingTime;
    private IDialOutcomeSink? _campaign;

    /// <summary>
    /// Places <paramref name="request"/> through <paramref name="trunk"/>, or, with <paramref name="line"/>, on that
    /// gateway line (then <paramref name="trunk"/> is the line's route). A failure before the first attempt is reported
    /// at once.
    /// </summary>
    public static void StartOutbound(CallServices services, CallRegistry registry, DialRequest request, IDialOutcomeSink campaign, TrunkConfig trunk, IGatewayLine? line = null)
    {
        if (!TryCreateRelay(services, request.CallId, out var relay))
        {
            campaign.Report(new CallOutcomeReport(request.CallId, CallOutcome.NetworkFailure, TimeSpan.Zero, 503));
            return;
        }

        var route = new TrunkInviteRoute(trunk, request.CallerId, request.CampaignId, request.Number, null);
        var media = CallerMediaOptions(services, relay);
        Func<CallSession, CallerLeg> caller = line is null
            ? c => new SipCustomerLeg(media, c._sender)
            : c => new GatewayCallerLeg(line, inbound: false, route.Did, media, SdpNegotiationResult.Failed(SdpNegotiationError.None), c._legs, c._lineCalls, services.Logger);
        var call = new CallSession(services, registry, request.CallId, route, relay, caller, CallDirection.Outbound)
        {
            _dial = request,
            _campaign = campaign,
            _acdWaiting = false,
        };
        relay.Start();
        call.Enlist();
        call.BeginDialerCall();
        if (line is null)
        {
            call.BeginOutbound();
        }
        else
        {
            call.BeginGatewayOutbound();
        }
    }

    /// <summary>What every dialer call does first, through a trunk or a line.</summary>
    private void BeginDialerCall()
    {
        var request = _dial!;
        Log.Dialing(_s.Logger, Id, request.CampaignId, request.MaskedNumber);
        _s.Events.Publish(CallEvents.Offered(Id, "outbound", _caller.LineName is null ? Route.Trunk.Name : null, null, request.CampaignId, request.CallerId, request.Number));
        ArmCallTimers();

        // Preview and callbacks belong to one agent: hold them for this call while the customer rings.
        if (request.AgentId is { } agent)
        {
            _triedAgents.Add(agent);
            _s.Acd.Post(new ReserveAgentForOutbound(agent, AcdCallId, request.CampaignId, Direct: true));
        }
    }

    private void BeginOutbound()
    {
        var request = _dial!;

        var leg = ((SipCustomerLeg)_caller).CreateInvite(_legs, Route.Trunk, request.Number, request.CallerId, request.MaskedNumber);
        StartInvite(leg, guard: request.RingTimeout);
        _ = RunAsync();
    }

    /// <summary>The ring timeout: cancel, and let the 487 end the attempt as no answer.</summary>
    private void OnCustomerRingTimeout(CalleeLeg leg)
    {
        _customerTimedOut = true;
        leg.Cancel();
    }

    private async Task OnCustomerFinalAsync(CalleeLeg leg, SipResponse response)
    {
        if (_caller is GatewayCallerLeg)
        {
            // On a gateway call the "customer" leg is the line's audio endpoint (CallSession.Gateway.cs).
            await OnGatewayAudioFinalAsync(leg, response);
            return;
        }

        _customerRingTime = _s.Time.GetUtcNow() - leg.StartedAt;
        if (!response.IsSuccess)
        {
            var status = _customerTimedOut ? 487 : response.StatusCode;
            var outcome = OutcomeOf(status);
            ReportOutcome(outcome, status);
            ReleaseUnrungReservation();
            await EndAsync(DispositionOf(outcome), _customerTimedOut ? HangupParty.System : HangupParty.Callee, response.StatusCode, Q850Causes.FromSipStatus(response.StatusCode));
            return;
        }

        var (answer, usable) = await AcceptCallerAnswerAsync(leg, response);
        if (!usable || answer is null)
        {
            // Answered after we gave up, or with nothing we can relay (already hung up again).
            ReportOutcome(answer is null ? CallOutcome.NetworkFailure : CallOutcome.NoAnswer, response.StatusCode);
            ReleaseUnrungReservation();
            await EndAsync(answer is null ? CdrDisposition.Failed : CdrDisposition.NoAnswer, HangupParty.System, response.StatusCode, Q850Causes.FromSipStatus(response.StatusCode));
            return;
        }

        _relay.LegA.SetRemote(answer.RemoteRtp, answer.RemoteRtcp);
        _relay.LegA.PayloadType = answer.Codec!.PayloadType;
        _relay.LegA.TelephoneEventPayloadType = answer.TelephoneEventPayloadType ?? -1;
        _relay.LegB.PayloadType = answer.Codec.PayloadType;
        _caller.MarkAnswered();
        Log.CustomerAnswered(_s.Logger, Id);

        // The abandon rule's clock starts now.
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

    /// <summary>Takes the 2xx of the caller side's own INVITE (a dialer's customer, a gateway line's audio).</summary>
    private async Task<(SdpNegotiationResult? Answer, bool Usable)> AcceptCallerAnswerAsync(CalleeLeg leg, SipResponse response)
    {
        // Mapped before the ACK goes out, so a BYE right after it finds this call.
        var result = await _caller.AcceptAnswerAsync(leg, response, _phase == CallPhase.Ended, dialog => _registry.MapDialog(dialog.CallId, dialog.LocalTag, this, CallLegSide.Caller));
        _legs.Answered(leg);
        return result;
    }

    /// <summary>Reserves the next free campaign agent not tried yet; retries shortly when none is free.</summary>
    private async Task HuntAgentAsync()
    {
        if (Direction != CallDirection.Outbound || _phase != CallPhase.Waiting || _abandoning || !_caller.Answered || _campaign is null)
        {
            return;
        }

        var free = await _campaign.FreeAgentsAsync(CancellationToken.None);
        _registry.ReleaseAgentClaims(Id);
        var agent = free.FirstOrDefault(a => !_triedAgents.Contains(a) && _registry.TryClaimAgent(a, Id));
        if (agent is null)
        {
            _huntTimer?.Dispose();
            _huntTimer = _s.Time.CreateTimer(static s => ((CallSession)s!).Post(new HuntAgentSignal()), this, TimeSpan.FromMilliseconds(200), Timeout.InfiniteTimeSpan);
            return;
        }

        _triedAgents.Add(agent);
        // The dialer chose the agent from the campaign's members (its own rules), so the ACD checks availability only.
        _s.Acd.Post(new ReserveAgentForOutbound(agent, AcdCallId, _dial!.CampaignId, Direct: true));
    }

    private Task OnHuntAgentAsync() => HuntAgentAsync();

    /// <summary>No agent within the abandon wait: play the abandon message, then release the customer.</summary>
    private Task OnAbandonDeadlineAsync()
    {
        if (_phase != CallPhase.Waiting || _abandoning || !_caller.Answered)
        {
            return Task.CompletedTask;
        }

        _abandoning = true;
        Log.Abandoning(_s.Logger, Id);
        _legs.CancelAll();
        ReleaseUnrungReservation();
        ReportOutcome(CallOutcome.Abandoned, 200);
        var prompt = _s.Prompts.AbandonPromptFor(_dial!.CampaignId);
        var message = _s.Prompts.Open(prompt, loop: false);
        if (message is not null)
        {
            _relay.StartPlayback(RtpRelayLegId.A, message);
        }

        var length = _s.Prompts.Length(prompt) + TimeSpan.FromMilliseconds(300);
        _abandonTimer?.Dispose();
        _abandonTimer = _s.Time.CreateTimer(static s => ((CallSession)s!).Post(new AbandonMessagePlayedSignal()), this, length, Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    private async Task OnAbandonMessagePlayedAsync()
    {
        if (_phase == CallPhase.Ended)
        {
            return;
        }

        _sender.SendBye(_caller.Dialog!, Q850Causes.NormalClearing);
        await EndAsync(CdrDisposition.Abandoned, HangupParty.System, 200, Q850Causes.NormalClearing);
    }

    private void ReleaseUnrungReservation()
    {
        if (_reservedAgent is not null)
        {
            _s.Acd.Post(new OutboundReservationReleased(AcdCallId));
            _reservedAgent = null;
        }
    }

    private void ReportOutcome(CallOutcome outcome, int? status)
    {
        if (_outcomeReported || _dial is null)
        {
            return;
        }

        _outcomeReported = true;
        _campaign?.Report(new CallOutcomeReport(Id, outcome, _customerRingTime, status));
    }

    /// <summary>The dialer outcome of a final response to the customer INVITE (see docs/dialer.md, "Real dialing").</summary>
    public static CallOutcome OutcomeOf(int status) => status switch
    {
        486 or 600 or 603 => CallOutcome.Busy,
        408 or 480 or 487 => CallOutcome.NoAnswer,
        404 or 484 or 604 => CallOutcome.Invalid,
        _ => CallOutcome.NetworkFailure,
    };

    private static CdrDisposition DispositionOf(CallOutcome outcome) => outcome switch
    {
        CallOutcome.Busy => CdrDisposition.Busy,
        CallOutcome.NoAnswer => CdrDisposition.NoAnswer,
        CallOutcome.Invalid => CdrDisposition.InvalidNumber,
        CallOutcome.Abandoned => CdrDisposition.Abandoned,
        CallOutcome.AnsweredLive or CallOutcome.AnsweredMachine => CdrDisposition.Answered,
        _ => CdrDisposition.NetworkFailure,
    };
}
