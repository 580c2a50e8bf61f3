using System.Threading.Channels;
using Cti.Cdrs;
using Cti.Calls.Control;
using Cti.Calls.Flows;
using Cti.Calls.Parties;
using Cti.Calls.Legs;
using Cti.Trunks;
using Cti.Media.Audio;
using Cti.Media.Hosting;
using Cti.Media.Relay;

namespace Cti.Calls;

/// <summary>
/// One call through the B2BUA, orchestrated: its caller leg (<see cref="CallerLeg"/>), the callee legs it rings
/// (<see cref="CalleeLegs"/>), the media relay between them, and the flow that says what kind of call it is
/// (<see cref="CallFlow"/>). Every change happens on the call's own loop, fed by <see cref="Post"/>, so a call never
/// races with itself; the SIP stack, the ACD, lines and timers only post signals. What the call leaves behind (events,
/// recording, CDR) goes through its <see cref="CallRecord"/>.
/// </summary>
/// <remarks>
/// Media is anchored for the whole call: the caller's SDP is answered once with the relay's leg A and never changes
/// when agents come and go (transfers, a lost answer race), because only leg B is pointed at the new callee.
/// </remarks>
internal sealed partial class CallSession
{
    private readonly Channel<CallSignal> _mailbox = Channel.CreateUnbounded<CallSignal>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CallServices _s;
    private readonly CallRegistry _registry;
    private readonly List<string> _acdCallIds = [];
    private readonly CallFlow _flow;
    private readonly CallDialogRequests _dialogs;
    private readonly CalleeResponses _responses;
    private readonly CallCommands _commands;
    private CallPhase _phase = CallPhase.Waiting;
    private ITimer? _welcomeTimer;
    private ITimer? _maxDurationTimer;
    private int _segment;

    /// <summary>Creates the call; its caller leg and flow are built against it (they post to its loop).</summary>
    public CallSession(CallServices services, CallRegistry registry, string id, TrunkInviteRoute route, RtpRelaySession relay, Func<CallSession, CallerLeg> caller, Func<CallSession, CallFlow> flow)
    {
        _s = services;
        _registry = registry;
        Id = id;
        Route = route;
        Relay = relay;
        AcdCallId = id;
        Record = new CallRecord(id, relay, services.Events, services.Cdrs, services.WrapUps, services.Metrics, services.Recording, services.Routing, services.Time, services.Logger) { Queue = route.Queue };
        Sender = new SipLegSender(services.Stack, id, services.Logger);
        Legs = new CalleeLegs(id, Sender, services.Listeners, services.MediaAddress, relay.LegB.LocalRtpEndPoint.Port, services.Time, Post, () => AcdCallId, OnInviteStarted);
        Transfer = new TransferFlow(this, services.Acd, services.Routing, services.Metrics, services.Options.TransferRingTimeout, services.Logger);
        Caller = caller(this);
        _flow = flow(this);
        _dialogs = new CallDialogRequests(this, services.Acd, services.Logger);
        _responses = new CalleeResponses(this, _dialogs, services.Acd, services.Logger);
        Parties = new CallThirdParties(this, services.Contacts, services.Listeners, services.Ports, services.RelayOptions, services.MediaAddress, services.Events, services.Time, services.BridgeLogger, services.Logger);
        Attended = new AttendedTransfer(this, _dialogs, services.Acd, services.Events, services.Logger);
        Parties.Joined = Attended.OnJoinedAsync;
        Parties.Left = Attended.OnLeftAsync;
        _commands = new CallCommands(this, _dialogs, services.Logger);
        AcdLink = new CallAcdLink(this, services.Acd, services.Contacts, services.Listeners, services.Options.TransferRingTimeout, services.Logger);
    }

    /// <summary>The correlation id shared by both legs, the CDR and every event.</summary>
    public string Id { get; }

    /// <summary>
    /// Inbound: the trunk, DID, queue and caller. Outbound: the trunk, our caller id as <c>Did</c>, the campaign as
    /// <c>Queue</c> and the customer's number as <c>Caller</c> (what the agent's phone shows).
    /// </summary>
    public TrunkInviteRoute Route { get; }

    public CallDirection Direction => _flow.Direction;

    /// <summary>The id the ACD currently knows this call by (a new one per queue visit or reservation).</summary>
    public string AcdCallId { get; private set; }

    public DateTimeOffset StartedAt => Record.StartedAt;

    public DateTimeOffset? AnsweredAt => Record.AnsweredAt;

    public RtpRelaySession Relay { get; }

    public CallRecord Record { get; }

    public SipLegSender Sender { get; }

    public CallerLeg Caller { get; }

    /// <summary>The INVITEs the call sends and their legs.</summary>
    public CalleeLegs Legs { get; }

    /// <summary>The callee bridged to the caller, if any.</summary>
    public CalleeLeg? Connected { get; private set; }

    public TransferFlow Transfer { get; }

    /// <summary>What the call says to and hears from the ACD.</summary>
    public CallAcdLink AcdLink { get; }

    /// <summary>Parties beyond customer and agent: a supervisor, conference members, an attended transfer's target.</summary>
    public CallThirdParties Parties { get; }

    /// <summary>Transfer with consultation from the agent desk.</summary>
    public AttendedTransfer Attended { get; }

    /// <summary>The kind of call this is.</summary>
    public CallFlow Flow => _flow;

    public string? Queue { get => Record.Queue; set => Record.Queue = value; }

    public string? LastAgent { set => Record.LastAgent = value; }

    /// <summary>Whether the ACD holds the call in a queue (it must hear when the caller leaves).</summary>
    public bool AcdWaiting { get; set; } = true;

    public bool HasEnded => _phase == CallPhase.Ended;

    /// <summary>In a queue or being transferred: the caller hears the prompt or music, callees may be ringing.</summary>
    public bool IsWaiting => _phase == CallPhase.Waiting;

    /// <summary>Hands a signal to the call's loop; dropped once the call has ended.</summary>
    public bool Post(CallSignal signal) => _mailbox.Writer.TryWrite(signal);

    /// <summary>Registers the call and lets its flow ring or answer the first legs.</summary>
    public Task StartAsync()
    {
        _registry.Add(this);
        _registry.MapAcdId(Id, this);
        _s.Metrics.Started();
        return _flow.StartAsync();
    }

    public void MapDialog(Cti.Sip.Dialogs.SipDialog dialog, CallLegSide side) => _registry.MapDialog(dialog.CallId, dialog.LocalTag, this, side);

    public void UnmapDialog(Cti.Sip.Dialogs.SipDialog dialog) => _registry.UnmapDialog(dialog.CallId, dialog.LocalTag);

    public void UnmapDialog(string sipCallId, string localTag) => _registry.UnmapDialog(sipCallId, localTag);

    /// <summary>Starts the loop (the flow calls it once its first legs are on their way).</summary>
    public void RunLoop() => _ = RunAsync();

    public void ReportMediaProgress() => Record.ReportMediaProgress();

    /// <summary>Unmaps the first ACD id at the end (an inbound call's; dialled calls keep theirs, as they always have).</summary>
    public void RememberAcdId() => _acdCallIds.Add(AcdCallId);

    /// <summary>Arms the maximum call duration and, while the caller's INVITE is unanswered, its CANCEL.</summary>
    public void ArmCallTimers()
    {
        _maxDurationTimer = _s.Time.CreateTimer(static s => ((CallSession)s!).Post(new MaxDurationSignal()), this, _s.Options.MaxCallDuration, Timeout.InfiniteTimeSpan);
        Caller.WatchCancel(() => Post(new CallerCancelledSignal()));
    }

    /// <summary>A fresh ACD call id: the ACD forgot the previous one when its agent leg ended.</summary>
    public void NewAcdSegment()
    {
        AcdCallId = Id + "/" + (++_segment).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _acdCallIds.Add(AcdCallId);
        _registry.MapAcdId(AcdCallId, this);
        AcdWaiting = false;
    }

    /// <summary>
    /// An ACD call id for a reservation beside the call's current one (an attended transfer's target): mapped to this
    /// call so the ACD's answers arrive here, unmapped when the call ends.
    /// </summary>
    public string NewSideAcdId()
    {
        var id = Id + "/" + (++_segment).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _acdCallIds.Add(id);
        _registry.MapAcdId(id, this);
        return id;
    }

    public void PlayWelcome()
    {
        if (_s.Prompts.Open(PromptFiles.Welcome, loop: false) is { } welcome)
        {
            Relay.StartPlayback(RtpRelayLegId.A, welcome);
            _welcomeTimer = _s.Time.CreateTimer(static s => ((CallSession)s!).Post(new WelcomeDoneSignal()), this, _s.Prompts.Length(PromptFiles.Welcome), Timeout.InfiniteTimeSpan);
        }
        else
        {
            PlayMusic();
        }
    }

    public void PlayMusic()
    {
        if ((Caller.Answered || _s.Options.EarlyMedia) && _s.Prompts.Open(PromptFiles.Hold, loop: true) is { } music)
        {
            Relay.StartPlayback(RtpRelayLegId.A, music);
        }
    }

    private async Task RunAsync()
    {
        await foreach (var signal in _mailbox.Reader.ReadAllAsync())
        {
            try
            {
                await HandleAsync(signal);
            }
#pragma warning disable CA1031 // One bad signal must not leave a call (and its ports) stranded.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.SignalFailed(_s.Logger, Id, signal.GetType().Name, ex);
                if (_phase != CallPhase.Ended)
                {
                    await EndAsync(CdrDisposition.Failed, HangupParty.System, 500, Q850Causes.TemporaryFailure);
                }
            }
            finally
            {
                if (signal is InDialogSignal { Deferred: false } inDialog)
                {
                    inDialog.Handled.TrySetResult();
                }
            }

            // The loop may stop once the call has ended and no INVITE still awaits its final response.
            if (_phase == CallPhase.Ended && Legs.Count == 0)
            {
                _mailbox.Writer.TryComplete();
            }
        }
    }

    private Task HandleAsync(CallSignal signal) => signal switch
    {
        AcdSignal acd => AcdLink.OnAcdAsync(acd.Output),
        CallerCancelledSignal => OnCallerCancelledAsync(),
        CalleeProvisionalSignal p => _responses.OnProvisionalAsync(p),
        CalleeFinalSignal f => _responses.OnFinalAsync(f),
        CalleeGuardSignal g => _responses.OnGuardAsync(g),
        InDialogSignal d => _dialogs.OnRequestAsync(d),
        InDialogResponseSignal r => _dialogs.OnResponseAsync(r),
        CallCommandSignal c => _commands.OnCommandAsync(c),
        MonitorDtmfSignal m => OnMonitorDtmf(m),
        Retransmitted2xxSignal r => _responses.OnRetransmitted2xxAsync(r),
        WelcomeDoneSignal => OnWelcomeDoneAsync(),
        MaxDurationSignal => OnMaxDurationAsync(),
        ShutdownSignal => OnShutdownAsync(),
        _ => _flow.OnSignalAsync(signal),
    };

    private Task OnMonitorDtmf(MonitorDtmfSignal signal)
    {
        Parties.OnDtmf(signal);
        return Task.CompletedTask;
    }

    private Task OnWelcomeDoneAsync()
    {
        if (_phase == CallPhase.Waiting)
        {
            PlayMusic();
        }

        return Task.CompletedTask;
    }

    /// <summary>Every INVITE the call sends is recorded and logged.</summary>
    private void OnInviteStarted(CalleeLeg leg)
    {
        // Mapped while the INVITE is in flight so that a request the callee sends the moment it answers finds this
        // call even when it overtakes the 2xx on its way through the loop (see CalleeLeg.EarlyRequests).
        _registry.MapDialog(leg.Invite.CallId!, leg.LocalTag, this, leg.Kind == CalleeKind.Customer ? CallLegSide.Caller : CallLegSide.Callee);
        if (leg.Kind == CalleeKind.Supervisor)
        {
            return;
        }

        Record.Ringing(leg.AgentId, leg.Target);
        Log.Ringing(_s.Logger, Id, leg.Kind, leg.LogName);
    }

    private enum CallPhase
    {
        Waiting,

        /// <summary>Bridged to a callee.</summary>
        Connected,

        Ended,
    }
}
