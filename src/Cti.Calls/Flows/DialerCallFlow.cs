using Cti.Cdrs;
using Cti.Dialer.Campaigns;
using Cti.Gateways.Lines;
using Cti.Calls.Legs;
using Cti.Campaigns;
using Cti.Media.Audio;
using Cti.Media.Hosting;
using Cti.Media.Relay;
using Cti.Routing.Engine;
using Cti.Sip.Messages;
using Cti.Sip.Sdp;
using CallDirection = Cti.Cdrs.CallDirection;

namespace Cti.Calls.Flows;

/// <summary>
/// A dialer call: the customer is rung first (through a trunk, or dialled on a gateway line); when they answer, a free
/// agent of the campaign is reserved in the ACD and rung, and must be talking to them within the abandon wait (2 s by
/// default). Otherwise the customer hears the abandon message and is released, and the call counts as abandoned. The
/// outcome goes back to the campaign once.
/// </summary>
internal sealed partial class DialerCallFlow(
    CallSession call,
    DialRequest dial,
    IDialOutcomeSink campaign,
    SipCustomerLeg? trunkCustomer,
    GatewayCallerLeg? line,
    AcdEngine acd,
    CallRegistry registry,
    PromptLibrary prompts,
    TimeSpan abandonWait,
    TimeProvider time,
    ILogger logger) : CallFlow(call)
{
    private readonly HashSet<string> _triedAgents = new(StringComparer.Ordinal);
    private string? _reservedAgent;
    private ITimer? _abandonTimer;
    private ITimer? _huntTimer;
    private bool _abandoning;
    private bool _outcomeReported;
    private bool _customerTimedOut;
    private TimeSpan _customerRingTime;

    public override CallDirection Direction => CallDirection.Outbound;

    public override string? Campaign => dial.CampaignId;

    /// <summary>The "caller" side of a dialer call is the customer we rang.</summary>
    public override HangupParty CallerParty => HangupParty.Callee;

    public override bool TakesCallees => !_abandoning;

    public override Task StartAsync()
    {
        Call.AcdWaiting = false;
        Log.Dialing(logger, Call.Id, dial.CampaignId, dial.MaskedNumber);
        Call.Record.Offered(CallEvents.Offered(Call.Id, "outbound", line is null ? Call.Route.Trunk.Name : null, null, dial.CampaignId, dial.CallerId, dial.Number));
        Call.ArmCallTimers();

        // Preview and callbacks belong to one agent: hold them for this call while the customer rings.
        if (dial.AgentId is { } agent)
        {
            _triedAgents.Add(agent);
            acd.Post(new ReserveAgentForOutbound(agent, Call.AcdCallId, dial.CampaignId, Direct: true));
        }

        if (line is not null)
        {
            Log.GatewayDialing(logger, Call.Id, line.Line.Name);
            line.Watch(Call.Post);
            line.Dial(dial.Number, dial.RingTimeout, Call.Post);
        }
        else
        {
            var leg = trunkCustomer!.CreateInvite(Call.Legs, Call.Route.Trunk, dial.Number, dial.CallerId, dial.MaskedNumber);
            Call.Legs.Start(leg, dial.RingTimeout);
        }

        Call.RunLoop();
        return Task.CompletedTask;
    }

    public override async Task<bool> OnAcdAsync(AcdOutput output)
    {
        if (output is AgentReservedForOutbound reserved && reserved.CallId == Call.AcdCallId && !Call.Caller.Answered)
        {
            // A preview or callback agent, held until the customer answers.
            _reservedAgent = reserved.AgentId;
            return true;
        }

        await Task.CompletedTask;
        return false;
    }

    public override Task OnSignalAsync(CallSignal signal) => signal switch
    {
        AbandonDeadlineSignal => OnAbandonDeadlineAsync(),
        AbandonMessagePlayedSignal => OnAbandonMessagePlayedAsync(),
        HuntAgentSignal => HuntAgentAsync(),
        GatewayDialedSignal d => OnDialedAsync(d.Result),
        GatewayLineEndedSignal e => LineCallerEvents.OnLineEndedAsync(Call, line!, e),
        _ => Task.CompletedTask,
    };

    /// <summary>The ring timeout: cancel, and let the 487 end the attempt as no answer.</summary>
    public override void OnCallerInviteTimeout(CalleeLeg leg)
    {
        _customerTimedOut = true;
        leg.Cancel();
    }

    public override Task OnCallerInviteFinalAsync(CalleeLeg leg, SipResponse response) =>
        line is null ? OnCustomerFinalAsync(leg, response) : OnLineAudioFinalAsync(leg, response);

    public override Task OnReservationFailedAsync() => HuntAgentAsync();

    public override void OnConnected(CalleeLeg leg)
    {
        _abandonTimer?.Dispose();
        _huntTimer?.Dispose();
        ReportOutcome(CallOutcome.AnsweredLive, 200);
    }

    public override void OnEnding(CdrDisposition disposition, int? sipCode)
    {
        _abandonTimer?.Dispose();
        _huntTimer?.Dispose();
        ReleaseUnrungReservation();

        // Whatever ended the call before an outcome was known decides it now (e.g. the customer hung up while an
        // agent was being found: an abandoned call).
        ReportOutcome(disposition switch
        {
            CdrDisposition.Answered => CallOutcome.AnsweredLive,
            CdrDisposition.Abandoned => CallOutcome.Abandoned,
            CdrDisposition.Busy => CallOutcome.Busy,
            CdrDisposition.NoAnswer => CallOutcome.NoAnswer,
            CdrDisposition.InvalidNumber => CallOutcome.Invalid,
            _ => CallOutcome.NetworkFailure,
        }, sipCode);
    }

    public override Cdr Describe(Cdr cdr) => cdr with
    {
        From = Call.Route.Did,
        To = Call.Route.Caller,
        Did = null,
        Queue = null,
        Campaign = dial.CampaignId,
        Lead = dial.LeadId,
        WrapUpSeconds = 0,
    };

    private async Task OnCustomerFinalAsync(CalleeLeg leg, SipResponse response)
    {
        _customerRingTime = time.GetUtcNow() - leg.StartedAt;
        if (!response.IsSuccess)
        {
            var status = _customerTimedOut ? 487 : response.StatusCode;
            var outcome = CallOutcomes.OutcomeOf(status);
            ReportOutcome(outcome, status);
            ReleaseUnrungReservation();
            await Call.EndAsync(CallOutcomes.DispositionOf(outcome), _customerTimedOut ? HangupParty.System : HangupParty.Callee, response.StatusCode, Q850Causes.FromSipStatus(response.StatusCode));
            return;
        }

        var (answer, usable) = await Call.AcceptCallerAnswerAsync(leg, response);
        if (!usable || answer is null)
        {
            // Answered after we gave up, or with nothing we can relay (already hung up again).
            ReportOutcome(answer is null ? CallOutcome.NetworkFailure : CallOutcome.NoAnswer, response.StatusCode);
            ReleaseUnrungReservation();
            await Call.EndAsync(answer is null ? CdrDisposition.Failed : CdrDisposition.NoAnswer, HangupParty.System, response.StatusCode, Q850Causes.FromSipStatus(response.StatusCode));
            return;
        }

        Call.BridgeAnsweredCaller(answer);
        await OnCustomerAnsweredAsync();
    }

    private async Task OnDialedAsync(GatewayDialResult result)
    {
        _customerRingTime = time.GetUtcNow() - Call.StartedAt;
        if (Call.HasEnded)
        {
            if (result.IsAnswered)
            {
                _ = line!.Line.HangupAsync(CancellationToken.None);
            }

            return;
        }

        line!.LogDialed(result);
        if (!result.IsAnswered)
        {
            var (outcome, hungUpBy, q850) = GatewayDialOutcomes.Map(result);
            ReportOutcome(outcome, null);
            ReleaseUnrungReservation();
            await Call.EndAsync(CallOutcomes.DispositionOf(outcome), hungUpBy, null, q850);
            return;
        }

        if (line.LineAnswered() is { } ended)
        {
            // The customer hung up between the answer and this signal.
            await LineCallerEvents.OnLineEndedAsync(Call, line, ended);
            return;
        }

        if (!line.StartOutboundAudio(dial.MaskedNumber))
        {
            ReportOutcome(CallOutcome.NetworkFailure, null);
            ReleaseUnrungReservation();
            await Call.EndAsync(CdrDisposition.NetworkFailure, HangupParty.System, null, Q850Causes.TemporaryFailure);
        }
    }

    /// <summary>The line's audio endpoint answered (or not): from its 200 on, an ordinary dialer call.</summary>
    private async Task OnLineAudioFinalAsync(CalleeLeg leg, SipResponse response)
    {
        var answer = await LineCallerEvents.AcceptAudioAsync(Call, line!, leg, response);
        if (answer is null)
        {
            if (!Call.HasEnded)
            {
                ReportOutcome(CallOutcome.NetworkFailure, response.StatusCode);
                ReleaseUnrungReservation();
                await Call.EndAsync(CdrDisposition.NetworkFailure, HangupParty.System, response.StatusCode, Q850Causes.TemporaryFailure);
            }

            return;
        }

        Call.Relay.LegB.PayloadType = answer.Codec!.PayloadType;
        Call.Caller.MarkAnswered();
        await OnCustomerAnsweredAsync();
    }

    private async Task OnCustomerAnsweredAsync()
    {
        Log.CustomerAnswered(logger, Call.Id);

        // The abandon rule's clock starts now.
        _abandonTimer = time.CreateTimer(static s => ((CallSession)s!).Post(new AbandonDeadlineSignal()), Call, abandonWait, Timeout.InfiniteTimeSpan);
        if (_reservedAgent is { } reserved)
        {
            _reservedAgent = null;
            await Call.AcdLink.RingReservedAgentAsync(reserved);
        }
        else
        {
            await HuntAgentAsync();
        }
    }

    /// <summary>Reserves the next free campaign agent not tried yet; retries shortly when none is free.</summary>
    private async Task HuntAgentAsync()
    {
        if (!Call.IsWaiting || _abandoning || !Call.Caller.Answered)
        {
            return;
        }

        var free = await campaign.FreeAgentsAsync(CancellationToken.None);
        registry.ReleaseAgentClaims(Call.Id);
        var agent = free.FirstOrDefault(a => !_triedAgents.Contains(a) && registry.TryClaimAgent(a, Call.Id));
        if (agent is null)
        {
            _huntTimer?.Dispose();
            _huntTimer = time.CreateTimer(static s => ((CallSession)s!).Post(new HuntAgentSignal()), Call, TimeSpan.FromMilliseconds(200), Timeout.InfiniteTimeSpan);
            return;
        }

        _triedAgents.Add(agent);
        // The dialer chose the agent from the campaign's members (its own rules), so the ACD checks availability only.
        acd.Post(new ReserveAgentForOutbound(agent, Call.AcdCallId, dial.CampaignId, Direct: true));
    }

    /// <summary>No agent within the abandon wait: play the abandon message, then release the customer.</summary>
    private Task OnAbandonDeadlineAsync()
    {
        if (!Call.IsWaiting || _abandoning || !Call.Caller.Answered)
        {
            return Task.CompletedTask;
        }

        _abandoning = true;
        Log.Abandoning(logger, Call.Id);
        Call.Legs.CancelAll();
        ReleaseUnrungReservation();
        ReportOutcome(CallOutcome.Abandoned, 200);
        var prompt = prompts.AbandonPromptFor(dial.CampaignId);
        var message = prompts.Open(prompt, loop: false);
        if (message is not null)
        {
            Call.Relay.StartPlayback(RtpRelayLegId.A, message);
        }

        var length = prompts.Length(prompt) + TimeSpan.FromMilliseconds(300);
        _abandonTimer?.Dispose();
        _abandonTimer = time.CreateTimer(static s => ((CallSession)s!).Post(new AbandonMessagePlayedSignal()), Call, length, Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    private async Task OnAbandonMessagePlayedAsync()
    {
        if (Call.HasEnded)
        {
            return;
        }

        Call.Sender.SendBye(Call.Caller.Dialog!, Q850Causes.NormalClearing);
        await Call.EndAsync(CdrDisposition.Abandoned, HangupParty.System, 200, Q850Causes.NormalClearing);
    }

    private void ReleaseUnrungReservation()
    {
        if (_reservedAgent is not null)
        {
            acd.Post(new OutboundReservationReleased(Call.AcdCallId));
            _reservedAgent = null;
        }
    }

    private void ReportOutcome(CallOutcome outcome, int? status)
    {
        if (_outcomeReported)
        {
            return;
        }

        _outcomeReported = true;
        campaign.Report(new CallOutcomeReport(Call.Id, outcome, _customerRingTime, status));
    }
}
