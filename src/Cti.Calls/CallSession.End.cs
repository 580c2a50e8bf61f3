using Cti.Cdrs;
using Cti.Calls.Legs;
using Cti.Routing.Engine;

namespace Cti.Calls;

/// <summary>How a call ends: once, whoever ends it.</summary>
internal sealed partial class CallSession
{
    private async Task OnMaxDurationAsync()
    {
        if (_phase == CallPhase.Ended)
        {
            return;
        }

        Log.MaxDuration(_s.Logger, Id);
        await HangUpEverythingAsync(503, "Maximum call duration");
        await EndAsync(AnsweredAt is null ? CdrDisposition.TimedOut : CdrDisposition.Answered, HangupParty.System, 503, Q850Causes.RecoveryOnTimerExpiry);
    }

    private async Task OnShutdownAsync()
    {
        if (_phase == CallPhase.Ended)
        {
            return;
        }

        await HangUpEverythingAsync(503, "Service shutting down");
        await EndAsync(AnsweredAt is null ? CdrDisposition.Failed : CdrDisposition.Answered, HangupParty.System, 503, Q850Causes.TemporaryFailure);
    }

    private async Task OnCallerCancelledAsync()
    {
        if (Caller.Answered || _phase == CallPhase.Ended)
        {
            return;
        }

        Log.CallerLeft(_s.Logger, Id);
        Legs.CancelAll();
        // A connected agent here means the agent's 200 and the caller's CANCEL crossed: the caller won.
        ReleaseCalleeAsCallerLeaves();

        await EndAsync(_flow.CallerLeftUnanswered, _flow.CallerParty, 487, Q850Causes.NormalClearing);
    }

    /// <summary>The caller side is gone before it was answered (a line stopped ringing, or ATA failed).</summary>
    public async Task CallerLeftAsync(bool failure)
    {
        Log.CallerLeft(_s.Logger, Id);
        Legs.CancelAll();
        ReleaseCalleeAsCallerLeaves();

        await EndAsync(failure ? CdrDisposition.NetworkFailure : CdrDisposition.Abandoned, failure ? HangupParty.System : HangupParty.Caller, null, failure ? Q850Causes.TemporaryFailure : Q850Causes.NormalClearing);
    }

    /// <summary>The caller is going: the connected callee is hung up, or the ACD learns that the waiting caller left.</summary>
    public void ReleaseCalleeAsCallerLeaves(int q850 = Q850Causes.NormalClearing)
    {
        if (Connected is { } leg)
        {
            Sender.SendBye(leg.Dialog!, q850);
            AcdLink.LegEnded(leg, callerHungUp: true);
        }
        else if (AcdWaiting)
        {
            _s.Acd.Post(new CallerHungUp(AcdCallId));
        }
    }

    /// <summary>The caller side cannot be heard after all: the connected callee is released.</summary>
    public void ReleaseCalleeAsCallerFails()
    {
        if (Connected is { } leg)
        {
            Sender.SendBye(leg.Dialog!, Q850Causes.TemporaryFailure);
            AcdLink.LegEnded(leg, callerHungUp: true);
        }
    }

    private async Task HangUpEverythingAsync(int status, string reason)
    {
        Legs.CancelAll();
        ReleaseCalleeAsCallerLeaves();

        await Caller.HangUpAsync(status, reason, Q850Causes.NormalClearing);
    }

    /// <summary>
    /// Ends the call once: stops timers, releases legs, ports and the recording, and writes the CDR together with the
    /// call.ended and cdr.written events. Callee legs still ringing are cancelled; the loop lives on until their final
    /// responses arrive, so a late 200 is still acknowledged and hung up.
    /// </summary>
    public async Task EndAsync(CdrDisposition disposition, HangupParty hungUpBy, int? sipCode, int? q850)
    {
        if (_phase == CallPhase.Ended)
        {
            return;
        }

        _phase = CallPhase.Ended;
        await Parties.EndAsync("call-ended");
        Caller.Close();
        _welcomeTimer?.Dispose();
        _maxDurationTimer?.Dispose();
        Legs.CancelAll();
        _flow.OnEnding(disposition, sipCode);
        foreach (var leg in Legs.Ringing.Where(l => l.Kind == CalleeKind.ReservedAgent))
        {
            _s.Acd.Post(new OutboundReservationReleased(leg.AcdCallId));
        }

        _registry.Remove(this);
        _registry.ReleaseAgentClaims(Id);
        foreach (var acdCallId in _acdCallIds)
        {
            _registry.UnmapAcdId(acdCallId);
        }

        if (Caller.Dialog is { } callerDialog)
        {
            _registry.UnmapDialog(callerDialog.CallId, callerDialog.LocalTag);
        }

        if (Connected?.Dialog is { } calleeDialog)
        {
            _registry.UnmapDialog(calleeDialog.CallId, calleeDialog.LocalTag);
        }

        await Record.WriteAsync(Direction, Route.Trunk.Name, Route.Caller, Route.Did, disposition, hungUpBy, sipCode, q850, cdr => Caller.Describe(_flow.Describe(cdr)) with { Monitoring = [.. Parties.Sessions] });
    }
}
