using System.Threading.Channels;
using Cti.Cdrs;
using CallDirection = Cti.Cdrs.CallDirection;
using Cti.Host.Calls.Legs;
using Cti.Host.Trunks;
using Cti.Media.Recording;
using Cti.Media.Relay;

namespace Cti.Host.Calls;

/// <summary>
/// One call through the B2BUA: the caller's leg (a trunk INVITE we answer), the callee legs we place (agents offered
/// by the ACD, transfer targets) and the media relay between them. Every change happens on the call's own loop, fed by
/// <see cref="Post"/>, so a call never races with itself; the SIP stack, the ACD and timers only post signals.
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
    private readonly List<CdrTransferStep> _transfers = [];
    private readonly List<string> _acdCallIds = [];
    private readonly RtpRelaySession _relay;
    private readonly SipLegSender _sender;
    private readonly CalleeLegs _legs;
    private readonly GatewayLineCalls _lineCalls;
    private readonly CallerLeg _caller;
    private CallPhase _phase = CallPhase.Waiting;
    private CalleeLeg? _connected;
    private CallRecorder? _recorder;
    private ITimer? _welcomeTimer;
    private ITimer? _maxDurationTimer;
    private bool _callerHeld;
    private bool _calleeHeld;
    private DateTimeOffset? _holdStartedAt;
    private double _holdSeconds;
    private int _segment;
    private string? _lastAgent;
    private string? _queue;

    /// <summary>Creates the call; <paramref name="caller"/> builds its caller leg, which may need the call's INVITE desk.</summary>
    private CallSession(CallServices services, CallRegistry registry, string id, TrunkInviteRoute route, RtpRelaySession relay, Func<CallSession, CallerLeg> caller, CallDirection direction = CallDirection.Inbound)
    {
        _s = services;
        _registry = registry;
        Id = id;
        Route = route;
        _relay = relay;
        Direction = direction;
        _queue = route.Queue;
        AcdCallId = id;
        StartedAt = services.Time.GetUtcNow();
        _sender = new SipLegSender(services.Stack, id, services.Logger);
        _lineCalls = new GatewayLineCalls(id, services.Logger);
        _legs = new CalleeLegs(id, _sender, services.Listeners, services.MediaAddress, relay.LegB.LocalRtpEndPoint.Port, services.Time, Post, () => AcdCallId, OnInviteStarted);
        _caller = caller(this);
    }

    /// <summary>The correlation id shared by both legs, the CDR and every event.</summary>
    public string Id { get; }

    /// <summary>
    /// Inbound: the trunk, DID, queue and caller. Outbound: the trunk, our caller id as <c>Did</c>, the campaign as
    /// <c>Queue</c> and the customer's number as <c>Caller</c> (what the agent's phone shows).
    /// </summary>
    public TrunkInviteRoute Route { get; }

    public CallDirection Direction { get; }

    /// <summary>The id the ACD currently knows this call by (a new one per queue visit or reservation).</summary>
    public string AcdCallId { get; private set; }

    public DateTimeOffset StartedAt { get; }

    private DateTimeOffset? QueuedAt { get; set; }

    private DateTimeOffset? OfferedAt { get; set; }

    private DateTimeOffset? AnsweredAt { get; set; }

    private double RingSeconds { get; set; }

    /// <summary>Hands a signal to the call's loop; dropped once the call has ended.</summary>
    public bool Post(CallSignal signal) => _mailbox.Writer.TryWrite(signal);

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
                (signal as InDialogSignal)?.Handled.TrySetResult();
            }

            if (Drained)
            {
                _mailbox.Writer.TryComplete();
            }
        }
    }

    private Task HandleAsync(CallSignal signal) => signal switch
    {
        AcdSignal acd => OnAcdAsync(acd.Output),
        CallerCancelledSignal => OnCallerCancelledAsync(),
        CalleeProvisionalSignal p => OnCalleeProvisionalAsync(p),
        CalleeFinalSignal f => OnCalleeFinalAsync(f),
        CalleeGuardSignal g => OnCalleeGuardAsync(g),
        InDialogSignal d => OnInDialogAsync(d),
        InDialogResponseSignal r => OnInDialogResponseAsync(r),
        Retransmitted2xxSignal r => OnRetransmitted2xxAsync(r),
        WelcomeDoneSignal => OnWelcomeDoneAsync(),
        MaxDurationSignal => OnMaxDurationAsync(),
        AbandonDeadlineSignal => OnAbandonDeadlineAsync(),
        AbandonMessagePlayedSignal => OnAbandonMessagePlayedAsync(),
        HuntAgentSignal => OnHuntAgentAsync(),
        AgentLineDialedSignal d => OnAgentLineDialedAsync(d),
        AgentLineEndedSignal e => OnAgentLineEndedAsync(e),
        ShutdownSignal => OnShutdownAsync(),
        GatewaySignal g => OnGatewayAsync(g),
        _ => Task.CompletedTask,
    };

    /// <summary>
    /// Binds the relay of a new call; when the port range is exhausted the failure is logged and counted and the
    /// caller answers the party (503, or a network-failure outcome).
    /// </summary>
    private static bool TryCreateRelay(CallServices services, string id, out RtpRelaySession relay)
    {
        if (RtpRelaySession.TryCreate(id, services.Ports, services.RelayOptions, services.Time, services.RelayLogger, out relay, out var error))
        {
            return true;
        }

        Log.NoMediaPorts(services.Logger, error);
        services.Metrics.Rejected(CallRejectReasons.NoMediaPorts);
        return false;
    }

    /// <summary>Makes a new call findable by its id and ACD id, and counts it as active.</summary>
    private void Enlist()
    {
        _registry.Add(this);
        _registry.MapAcdId(Id, this);
        _s.Metrics.Started();
    }

    /// <summary>Arms the maximum call duration and, while the caller's INVITE is unanswered, its CANCEL.</summary>
    private void ArmCallTimers()
    {
        _maxDurationTimer = _s.Time.CreateTimer(static s => ((CallSession)s!).Post(new MaxDurationSignal()), this, _s.Options.MaxCallDuration, Timeout.InfiniteTimeSpan);
        _caller.WatchCancel(() => Post(new CallerCancelledSignal()));
    }

    private enum CallPhase
    {
        /// <summary>In a queue or being transferred: the caller hears the prompt or music, callees may be ringing.</summary>
        Waiting,

        /// <summary>Bridged to a callee.</summary>
        Connected,

        Ended,
    }
}
