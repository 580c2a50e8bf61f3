using Cti.Cdrs;
using Cti.Host.Calls.Legs;
using Cti.Routing.Engine;
using CallDirection = Cti.Cdrs.CallDirection;
using Cti.Media.Rtp;

namespace Cti.Host.Calls;

internal sealed partial class CallSession
{
    private bool _acdWaiting = true;

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

    /// <summary>The caller is going: the connected callee is hung up, or the ACD learns that the waiting caller left.</summary>
    private void ReleaseCalleeAsCallerLeaves(int q850 = Q850Causes.NormalClearing)
    {
        if (_connected is { } leg)
        {
            _sender.SendBye(leg.Dialog!, q850);
            TellAcdLegEnded(leg, callerHungUp: true);
        }
        else if (_acdWaiting)
        {
            _s.Acd.Post(new CallerHungUp(AcdCallId));
        }
    }

    private async Task HangUpEverythingAsync(int status, string reason)
    {
        _legs.CancelAll();
        ReleaseCalleeAsCallerLeaves();

        await ReleaseCallerAsync(status, reason, Q850Causes.NormalClearing);
    }

    /// <summary>
    /// Ends the call once: stops timers, releases ports and the recording, and writes the CDR together with the
    /// call.ended and cdr.written events. Callee legs still ringing are cancelled; the loop lives on until their final
    /// responses arrive, so a late 200 is still acknowledged and hung up.
    /// </summary>
    private async Task EndAsync(CdrDisposition disposition, HangupParty hungUpBy, int? sipCode, int? q850)
    {
        if (_phase == CallPhase.Ended)
        {
            return;
        }

        _phase = CallPhase.Ended;
        _caller.Close();
        var end = _s.Time.GetUtcNow();
        _welcomeTimer?.Dispose();
        _maxDurationTimer?.Dispose();
        _abandonTimer?.Dispose();
        _huntTimer?.Dispose();
        _legs.CancelAll();
        ReleaseUnrungReservation();
        ReleasePlacingAgent();
        EndAgentLine();
        if (Direction == CallDirection.Outbound && !IsAgentCall)
        {
            // Whatever ended the call before an outcome was known decides it now (e.g. the customer hung up while
            // an agent was being found: an abandoned call).
            ReportOutcome(disposition switch
            {
                CdrDisposition.Answered => Cti.Dialer.Campaigns.CallOutcome.AnsweredLive,
                CdrDisposition.Abandoned => Cti.Dialer.Campaigns.CallOutcome.Abandoned,
                CdrDisposition.Busy => Cti.Dialer.Campaigns.CallOutcome.Busy,
                CdrDisposition.NoAnswer => Cti.Dialer.Campaigns.CallOutcome.NoAnswer,
                CdrDisposition.InvalidNumber => Cti.Dialer.Campaigns.CallOutcome.Invalid,
                _ => Cti.Dialer.Campaigns.CallOutcome.NetworkFailure,
            }, sipCode);
        }
        foreach (var leg in _legs.Ringing.Where(l => l.Kind == CalleeKind.ReservedAgent))
        {
            _s.Acd.Post(new OutboundReservationReleased(leg.AcdCallId));
        }

        _registry.Remove(this);
        _registry.ReleaseAgentClaims(Id);
        foreach (var acdCallId in _acdCallIds)
        {
            _registry.UnmapAcdId(acdCallId);
        }

        if (_caller.Dialog is { } callerDialog)
        {
            _registry.UnmapDialog(callerDialog.CallId, callerDialog.LocalTag);
        }
        if (_connected?.Dialog is { } calleeDialog)
        {
            _registry.UnmapDialog(calleeDialog.CallId, calleeDialog.LocalTag);
        }

        if (_holdStartedAt is { } since)
        {
            _holdSeconds += (end - since).TotalSeconds;
        }

        _relay.AttachRecorder(null);
        var recordingPath = _recorder?.FilePath;
        _finalRecordingBytes = _recorder?.BytesWritten ?? 0;
        _recorder?.Dispose();
        Volatile.Write(ref _recorder, null);
        var a = _relay.LegA.GetStatistics();
        var b = _relay.LegB.GetStatistics();
        ReportMediaProgress();
        await _relay.DisposeAsync();
        _s.Metrics.Ended(Direction, disposition);

        var answered = AnsweredAt;
        var waitEnd = answered ?? end;
        var talk = answered is { } at ? Math.Max(0, (end - at).TotalSeconds - _holdSeconds) : 0;
        var outbound = Direction == CallDirection.Outbound;
        var cdr = WithAgentLineFields(_caller.Describe(new Cdr
        {
            CallId = Id,
            Direction = Direction,
            Trunk = Route.Trunk.Name,
            From = IsAgentCall ? AgentCallParties.From : outbound ? Route.Did : Route.Caller,
            To = IsAgentCall ? AgentCallParties.To : outbound ? Route.Caller : Route.Did,
            Did = outbound ? null : Route.Did,
            Queue = outbound ? null : _queue,
            Campaign = _dial?.CampaignId,
            Lead = _dial?.LeadId,
            Agent = _lastAgent,
            StartAt = StartedAt,
            QueuedAt = QueuedAt,
            OfferedAt = OfferedAt,
            AnsweredAt = answered,
            EndAt = end,
            WaitSeconds = Math.Max(0, (waitEnd - (QueuedAt ?? StartedAt)).TotalSeconds),
            RingSeconds = RingSeconds,
            TalkSeconds = talk,
            HoldSeconds = _holdSeconds,
            WrapUpSeconds = _lastAgent is null || outbound ? 0 : WrapUpOf(_lastAgent).TotalSeconds,
            Disposition = disposition,
            SipCode = sipCode,
            Q850Cause = q850,
            HungUpBy = hungUpBy,
            Transfers = _transfers.ToArray(),
            RecordingPath = recordingPath,
        }));
        Log.CallEnded(_s.Logger, Id, disposition, hungUpBy, a.PacketsIn, b.PacketsIn);
        try
        {
            await _s.Cdrs.WriteAsync(cdr, [CallEvents.Ended(Id, _queue, _lastAgent, CdrWire.Name(disposition), CdrWire.Name(hungUpBy), sipCode), CdrEvents.Written(cdr)]);
        }
#pragma warning disable CA1031 // The call is over either way; a failed write is logged and counted by the writer.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.CdrFailed(_s.Logger, Id, ex);
        }
    }

    private TimeSpan WrapUpOf(string agentId)
    {
        var routing = _s.Routing.Current;
        var agent = routing.Agents.FirstOrDefault(a => a.Id == agentId);
        if (agent?.WrapUpTime is { } own)
        {
            return own;
        }

        return routing.Queues.FirstOrDefault(q => q.Id == _queue)?.WrapUpTime ?? TimeSpan.Zero;
    }

    /// <summary>Whether the loop may stop: the call has ended and no callee leg still awaits its final response.</summary>
    private bool Drained => _phase == CallPhase.Ended && _legs.Count == 0;

    /// <summary>For tests and the API: what the call is doing.</summary>
    public string PhaseName => _phase.ToString().ToLowerInvariant();

    /// <summary>The leg statistics of the relay (in-call view).</summary>
    public (RtpLegStatistics Caller, RtpLegStatistics Callee) MediaStatistics() => (_relay.LegA.GetStatistics(), _relay.LegB.GetStatistics());
}
