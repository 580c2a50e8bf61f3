using Cti.Calls.Legs;
using Cti.Gateways.Lines;
using Cti.Numbers;
using Microsoft.Extensions.Options;
using Cti.Acd;
using Cti.Trunks;
using Cti.Routing.Engine;
using Cti.Sip.Messages;
using Cti.Sip.Stack;
using Cti.Sip.Transport;

namespace Cti.Calls;

/// <summary>
/// The B2BUA's front door: starts a <see cref="CallSession"/> for each screened trunk INVITE, routes in-dialog
/// requests and ACD outputs to their call, and ends every call when the service stops.
/// </summary>
internal sealed partial class CallController : BackgroundService, ITrunkCallAcceptor
{
    /// <summary>Carries the correlation id on the INVITE to the agent, for screen pops.</summary>
    public const string CallIdHeader = "X-Cti-Call-Id";

    /// <summary>Carries the queue on the INVITE to the agent.</summary>
    public const string QueueHeader = "X-Cti-Queue";

    /// <summary>Requests a call's dialogs accept besides INVITE, ACK and CANCEL.</summary>
    public static readonly IReadOnlyList<string> InDialogMethods = [SipMethods.Bye, SipMethods.Refer, SipMethods.Notify, SipMethods.Info, SipMethods.Options];

    private readonly CallFactory _calls;
    private readonly CallRegistry _registry;
    private readonly TrunkDirectory _trunks;
    private readonly IGatewayLineRegistry _gateways;
    private readonly PhoneNumberNormalizer _numbers;
    private readonly CallsOptions _options;
    private readonly CallMetrics _metrics;
    private readonly IAcdOutputFeed _feed;
    private readonly TimeProvider _time;
    private readonly ILogger<CallController> _logger;
    private volatile bool _stopping;

    public CallController(
        CallFactory calls,
        CallRegistry registry,
        TrunkDirectory trunks,
        IGatewayLineRegistry gateways,
        PhoneNumberNormalizer numbers,
        IOptions<CallsOptions> options,
        CallMetrics metrics,
        IAcdOutputFeed feed,
        TimeProvider time,
        ILogger<CallController> logger)
    {
        _calls = calls;
        _registry = registry;
        _trunks = trunks;
        _gateways = gateways;
        _numbers = numbers;
        _options = options.Value;
        _metrics = metrics;
        _feed = feed;
        _time = time;
        _logger = logger;
    }

    /// <summary>Calls in progress.</summary>
    public int ActiveCalls => _registry.Count;

    public async ValueTask AcceptAsync(SipServerContext invite, TrunkInviteRoute route, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invite);
        ArgumentNullException.ThrowIfNull(route);
        if (_stopping)
        {
            _metrics.Rejected(CallRejectReasons.ShuttingDown);
            await invite.RespondAsync(invite.CreateResponse(503, "Service shutting down"), cancellationToken);
            return;
        }

        await _calls.InboundAsync(invite, route);
    }

    /// <summary>
    /// Places a dialer call through the trunk its line group names, or on a free line of the gateway group it names;
    /// any other line group fails at once (network failure) so the campaign moves on.
    /// </summary>
    public Task PlaceOutboundAsync(Cti.Dialer.Campaigns.DialRequest request, Cti.Campaigns.IDialOutcomeSink campaign)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(campaign);
        var trunk = _trunks.Trunks.FirstOrDefault(t => string.Equals(t.Name, request.LineGroup, StringComparison.Ordinal));
        if (trunk is null && !_stopping && IsGatewayGroup(request.LineGroup))
        {
            PlaceOnGatewayLine(request, campaign);
            return Task.CompletedTask;
        }

        if (trunk is null || _stopping)
        {
            Log.NoLineGroup(_logger, request.CallId, request.LineGroup);
            campaign.Report(new Cti.Dialer.Campaigns.CallOutcomeReport(request.CallId, Cti.Dialer.Campaigns.CallOutcome.NetworkFailure, TimeSpan.Zero));
            return Task.CompletedTask;
        }

        _calls.Dialer(request, campaign, trunk);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Hands a request inside one of our dialogs to its call and completes once the call has answered it; false when
    /// no call owns the dialog.
    /// </summary>
    public async ValueTask<bool> TryDispatchInDialogAsync(SipServerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (!_registry.TryFindDialog(request.CallId, request.To?.Tag, out var call, out var side))
        {
            return false;
        }

        var signal = new InDialogSignal(context, side);
        if (!call.Post(signal))
        {
            return false;
        }

        await signal.Handled.Task;
        return true;
    }

    /// <summary>A retransmitted 2xx to one of our INVITEs: the owning call re-sends its ACK.</summary>
    public void OnInvite2xxRetransmission(SipResponse response, SipEndPoint source)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (_registry.TryFindDialog(response.CallId, response.From?.Tag, out var call, out _))
        {
            call.Post(new Retransmitted2xxSignal(response, source));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var output in _feed.FollowAsync(stoppingToken))
            {
                if (CallIdOf(output) is { } callId && _registry.ByAcdId(callId) is { } call)
                {
                    call.Post(new AcdSignal(output));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        var calls = _registry.Calls.ToArray();
        foreach (var call in calls)
        {
            call.Post(new ShutdownSignal());
        }

        if (calls.Length > 0)
        {
            Log.EndingCalls(_logger, calls.Length);
            // Give the calls a moment to send their BYEs and write their CDRs before the stack closes.
            var deadline = _time.GetTimestamp();
            while (_registry.Count > 0 && _time.GetElapsedTime(deadline) < TimeSpan.FromSeconds(3) && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), _time, CancellationToken.None);
            }
        }

        await base.StopAsync(cancellationToken);
    }

    private static string? CallIdOf(AcdOutput output) => output switch
    {
        OfferCall o => o.CallId,
        StopRinging s => s.CallId,
        OverflowCall o => o.CallId,
        CallQueued q => q.CallId,
        AgentReservedForOutbound r => r.CallId,
        CommandRejected r => r.CallId,
        _ => null,
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Ending {Count} calls for shutdown")]
        public static partial void EndingCalls(ILogger logger, int count);

        [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Dial request {CallId}: line group {LineGroup} is neither a trunk nor a gateway group of this service (or the service is stopping); reported as a network failure")]
        public static partial void NoLineGroup(ILogger logger, string callId, string lineGroup);
    }
}
