using Cti.Calls.Legs;
using Cti.Cdrs;
using Cti.Routing.Engine;
using Cti.Sip.Messages;
using CallDirection = Cti.Cdrs.CallDirection;

namespace Cti.Calls.Flows;

/// <summary>
/// A call the agent desk places (click to dial): the agent's phone is rung first, as the caller side, asked to answer
/// at once; when it answers, the customer is rung through the trunk as the callee (like a transfer to an outside
/// number) and bridged on answer. The agent is reserved in the ACD for the call, so no inbound call is offered
/// meanwhile. The agent not answering, or the customer failing, ends the call with the matching CDR.
/// </summary>
internal sealed partial class ClickToDialFlow(
    CallSession call,
    SipCustomerLeg agentPhone,
    string agentId,
    string number,
    AcdEngine acd,
    TimeSpan agentRingTimeout,
    TimeSpan customerRingTimeout,
    ILogger logger) : CallFlow(call)
{
    private readonly AgentCallReservation _reservation = new(call, acd);

    public override CallDirection Direction => CallDirection.Outbound;

    /// <summary>The caller side is the agent's phone.</summary>
    public override HangupParty CallerParty => HangupParty.Agent;

    /// <summary>The agent hung up before the customer answered.</summary>
    public override CdrDisposition CallerLeftUnanswered => CdrDisposition.NoAnswer;

    public override string? CallingAgent => agentId;

    public override Task StartAsync()
    {
        Call.Queue = null;
        Call.LastAgent = agentId;
        Call.AcdWaiting = false;
        Log.ClickToDial(logger, Call.Id, agentId);
        Call.Record.Offered(CallEvents.Offered(Call.Id, "outbound", Call.Route.Trunk.Name, null, null, Call.Route.Caller, number) with { AgentId = agentId });
        Call.ArmCallTimers();

        // Busy for the ACD while on this call (a refusal, e.g. the agent is logged out, changes nothing).
        acd.Post(new ReserveAgentForOutbound(agentId, Call.AcdCallId, Direct: true));
        Call.Legs.Start(agentPhone.Pending!, agentRingTimeout);
        Call.RunLoop();
        return Task.CompletedTask;
    }

    public override Task<bool> OnAcdAsync(AcdOutput output) => Task.FromResult(output is AgentReservedForOutbound or CommandRejected);

    /// <summary>The agent's phone rang too long: cancel it, the 487 ends the call.</summary>
    public override void OnCallerInviteTimeout(CalleeLeg leg) => leg.Cancel();

    /// <summary>The agent's phone answered (ring the customer) or refused (end the call).</summary>
    public override async Task OnCallerInviteFinalAsync(CalleeLeg leg, SipResponse response)
    {
        if (!response.IsSuccess)
        {
            await Call.EndAsync(response.StatusCode is 486 or 600 or 603 ? CdrDisposition.Busy : CdrDisposition.NoAnswer, HangupParty.Agent, response.StatusCode, Q850Causes.FromSipStatus(response.StatusCode));
            return;
        }

        var (answer, usable) = await Call.AcceptCallerAnswerAsync(leg, response);
        if (!usable || answer is null)
        {
            await Call.EndAsync(CdrDisposition.Failed, HangupParty.System, response.StatusCode, Q850Causes.FromSipStatus(response.StatusCode));
            return;
        }

        Call.BridgeAnsweredCaller(answer);
        Call.Transfer.RingExternal(number, customerRingTimeout);
    }

    /// <summary>The customer did not answer: the agent's phone is hung up, the CDR says why.</summary>
    public override async Task OnExternalFailedAsync(int status)
    {
        var outcome = CallOutcomes.OutcomeOf(status);
        await agentPhone.HangUpAsync(480, "Temporarily Unavailable", Q850Causes.FromSipStatus(status));
        await Call.EndAsync(CallOutcomes.DispositionOf(outcome), HangupParty.Callee, status, Q850Causes.FromSipStatus(status));
    }

    public override void OnConnected(CalleeLeg leg) => _reservation.OnConnected(leg);

    public override void OnEnding(CdrDisposition disposition, int? sipCode)
    {
        _reservation.Release();
    }

    /// <summary>From the centre's number to the customer, with the agent.</summary>
    public override Cdr Describe(Cdr cdr) => cdr with { From = Call.Route.Caller, To = number, Did = null, Queue = null, Agent = agentId };

    private static partial class Log
    {
        [LoggerMessage(EventId = 5131, Level = LogLevel.Information, Message = "Call {CallId}: click to dial for agent {AgentId}")]
        public static partial void ClickToDial(ILogger logger, string callId, string agentId);
    }
}
