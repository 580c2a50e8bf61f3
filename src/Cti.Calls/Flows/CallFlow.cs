using Cti.Cdrs;
using Cti.Calls.Legs;
using Cti.Routing.Engine;
using Cti.Sip.Messages;
using CallDirection = Cti.Cdrs.CallDirection;

namespace Cti.Calls.Flows;

/// <summary>
/// What kind of call a <see cref="CallSession"/> is: which legs it starts with and what it decides where kinds of
/// calls differ (who a party is in the CDR, what a failed callee or a refused reservation leads to, what is reported
/// at the end). The call drives the flow from its loop; the flow acts through the call's members and its legs.
/// A new kind of call is a new flow; the call does not branch on kinds.
/// </summary>
internal abstract class CallFlow(CallSession call)
{
    protected CallSession Call => call;

    public abstract CallDirection Direction { get; }

    /// <summary>Who the caller side is when it hangs up: the caller, a dialled customer (callee), or a calling agent.</summary>
    public virtual HangupParty CallerParty => HangupParty.Caller;

    /// <summary>How a call ends whose caller side left before any answer.</summary>
    public virtual CdrDisposition CallerLeftUnanswered => CdrDisposition.Abandoned;

    /// <summary>Whether callees may still be rung and connected (a dialer call stops once it abandons).</summary>
    public virtual bool TakesCallees => true;

    /// <summary>Rings or answers the first legs and starts the call's loop.</summary>
    public abstract Task StartAsync();

    /// <summary>An ACD output about this call the flow decides on; false leaves it to the call.</summary>
    public virtual Task<bool> OnAcdAsync(AcdOutput output) => Task.FromResult(false);

    /// <summary>A signal of the flow's own (its timers, its lines).</summary>
    public virtual Task OnSignalAsync(CallSignal signal) => Task.CompletedTask;

    /// <summary>The caller side's own INVITE (a dialled customer, a line's audio) got its final response.</summary>
    public virtual Task OnCallerInviteFinalAsync(CalleeLeg leg, SipResponse response) => Task.CompletedTask;

    /// <summary>The caller side's own INVITE rang past its guard time.</summary>
    public virtual void OnCallerInviteTimeout(CalleeLeg leg) => leg.Cancel();

    /// <summary>An outside number the call rang failed while the caller waited: back to the queue.</summary>
    public virtual Task OnExternalFailedAsync(int status)
    {
        Call.Transfer.RequeueAfterFailure();
        return Task.CompletedTask;
    }

    /// <summary>No agent could be reserved for the call, or the reserved one could not take it: back to the queue.</summary>
    public virtual Task OnReservationFailedAsync()
    {
        Call.Transfer.RequeueAfterFailure();
        return Task.CompletedTask;
    }

    /// <summary>A callee answered and is bridged (before the caller side is answered).</summary>
    public virtual void OnConnected(CalleeLeg leg)
    {
    }

    /// <summary>The call is ending: release what the flow holds, report what it owes.</summary>
    public virtual void OnEnding(CdrDisposition disposition, int? sipCode)
    {
    }

    /// <summary>The flow's CDR fields over the inbound shape the call fills in.</summary>
    public virtual Cdr Describe(Cdr cdr) => cdr;

    /// <summary>The agent whose own call this is (the caller side is their phone), if any.</summary>
    public virtual string? CallingAgent => null;

    /// <summary>The campaign that placed the call, if any.</summary>
    public virtual string? Campaign => null;
}
