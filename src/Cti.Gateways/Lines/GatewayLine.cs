using System.Threading.Channels;
using Cti.Gateways.At;
using Cti.Gateways.Hosting;
using Microsoft.Extensions.Logging;

namespace Cti.Gateways.Lines;

/// <summary>
/// The call-control engine of one gateway line. A single loop reads <see cref="_inbox"/> and alone changes the line's
/// state: API requests, unsolicited codes, command completions and timer ticks all arrive there as messages. Commands
/// run on the <see cref="AtCommandExecutor"/> and post their results back, so the loop never waits on the module.
/// </summary>
internal sealed partial class GatewayLine : IGatewayLine
{
    private readonly GatewayLineOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<GatewayLine> _logger;
    private readonly GatewayMetrics _metrics;
    private readonly GatewayLineCaps _caps;
    private readonly Channel<LineMessage> _inbox = Channel.CreateUnbounded<LineMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly GatewayLineState _state = new();
    private AtCommandExecutor? _executor;
    private Call? _call;
    private long _nextCallId;
    private TaskCompletionSource? _resumeAfterOutOfService;
    private CancellationToken _stopping;
    private readonly List<Action> _deferred = [];
    private volatile GatewayLineSnapshot _snapshot;

    public GatewayLine(GatewayLineOptions options, TimeProvider timeProvider, GatewayMetrics metrics, ILogger<GatewayLine> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _timeProvider = timeProvider;
        _metrics = metrics;
        _logger = logger;
        _caps = new GatewayLineCaps(options.Caps ?? new GatewayCapsOptions(), timeProvider);
        _state.CallsDay = _caps.Today;
        _snapshot = BuildSnapshot();
    }

    public event EventHandler<GatewayIncomingCallEventArgs>? IncomingCall;

    public event EventHandler<GatewayCallEndedEventArgs>? CallEnded;

    private enum Step
    {
        Dial,
        Clcc,
        Ceer,
        Answer,
        Hangup,
        HangupChup,
    }

    public string Name => _options.Name;

    public string Group => _options.Group;

    public string AudioEndpoint => _options.AudioEndpoint;

    public string? Queue => _options.Queue;

    public GatewayLineOptions Options => _options;

    public GatewayLineSnapshot State => _snapshot;

    public bool IsAvailable
    {
        get
        {
            var s = _snapshot;
            if (s.Status != GatewayLineStatus.Up || !s.IsRegistered || s.CallState != GatewayCallState.Idle)
            {
                return false;
            }

            var callsToday = s.CallsDay == _caps.Today ? s.CallsToday : 0;
            return _caps.Check(callsToday, s.LastCallStartedAt) is null;
        }
    }

    public Task<GatewayDialResult> DialAsync(string e164Number, TimeSpan ringTimeout, CancellationToken cancellationToken)
    {
        if (!IsDiallable(e164Number))
        {
            throw new ArgumentException("Expected an E.164 number such as +8613800138000.", nameof(e164Number));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ringTimeout, TimeSpan.Zero);
        var completion = new TaskCompletionSource<GatewayDialResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(new DialRequest(e164Number, ringTimeout, completion));
        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(() => Post(new CancelDial(completion)));
            _ = completion.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return completion.Task;
    }

    public Task<GatewayCommandResult> AnswerAsync(CancellationToken cancellationToken) =>
        Request(c => new AnswerRequest(c), cancellationToken);

    public Task<GatewayCommandResult> HangupAsync(CancellationToken cancellationToken) =>
        Request(c => new HangupRequest(c), cancellationToken);

    public Task<GatewayCommandResult> SendDtmfAsync(string digits, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(digits) || !digits.All(d => char.IsAsciiDigit(d) || d is '*' or '#' or 'A' or 'B' or 'C' or 'D'))
        {
            throw new ArgumentException("DTMF digits are 0-9, *, #, A-D.", nameof(digits));
        }

        return Request(c => new DtmfRequest(digits, c), cancellationToken);
    }

    public Task<GatewayLineSnapshot> TakeOutOfServiceAsync(string reason, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<GatewayLineSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(new SetOutOfService(string.IsNullOrWhiteSpace(reason) ? "taken out of service by an operator" : reason, completion));
        return completion.Task.WaitAsync(cancellationToken);
    }

    public Task<GatewayLineSnapshot> PutInServiceAsync(CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<GatewayLineSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(new SetInService(completion));
        return completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>The worker reports an open, initialised port.</summary>
    public void ReportUp(AtCommandExecutor executor, int? signalDbm, NetworkRegistration? registration, string? simState) =>
        Post(new PortUp(executor, signalDbm, registration, simState));

    /// <summary>The worker reports a lost port or a module being reset; a call in progress ends with "line-failure".</summary>
    public void ReportDown(string reason) => Post(new PortDown(reason, null));

    /// <summary>The worker gives up after repeated stalls; completes when an operator puts the line back in service.</summary>
    public Task ReportOutOfServiceAsync(string reason, CancellationToken cancellationToken)
    {
        var resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(new PortDown(reason, resume));
        return resume.Task.WaitAsync(cancellationToken);
    }

    public void ReportHealth(int? signalDbm, NetworkRegistration? registration) => Post(new HealthUpdate(signalDbm, registration));

    public void OnUnsolicited(AtCommandExecutor source, AtLine line) => Post(new Unsolicited(source, line));

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        try
        {
            await foreach (var message in _inbox.Reader.ReadAllAsync(stoppingToken))
            {
                Handle(message);
                _snapshot = BuildSnapshot();
                CompleteDeferred();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            _inbox.Writer.TryComplete();
            EndCall(GatewayCallEndReason.LineFailure, "service stopping");
            while (_inbox.Reader.TryRead(out var left))
            {
                Refuse(left);
            }

            _snapshot = BuildSnapshot();
            CompleteDeferred();
        }
    }

    /// <summary>
    /// Results are handed out only after the loop has published the snapshot they produced, so a caller that awaits
    /// a command and then reads <see cref="State"/> sees the state its command left (continuations run elsewhere).
    /// </summary>
    private void Defer<T>(TaskCompletionSource<T>? completion, T result)
    {
        if (completion is not null)
        {
            _deferred.Add(() => completion.TrySetResult(result));
        }
    }

    private void Defer(TaskCompletionSource? completion)
    {
        if (completion is not null)
        {
            _deferred.Add(() => completion.TrySetResult());
        }
    }

    private void CompleteDeferred()
    {
        foreach (var complete in _deferred)
        {
            complete();
        }

        _deferred.Clear();
    }

    private static bool IsDiallable(string? number) =>
        number is { Length: >= 3 and <= 21 } && (number[0] == '+' || char.IsAsciiDigit(number[0])) && number.Skip(1).All(char.IsAsciiDigit);

    private Task<GatewayCommandResult> Request(Func<TaskCompletionSource<GatewayCommandResult>, LineMessage> create, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<GatewayCommandResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(create(completion));
        return completion.Task.WaitAsync(cancellationToken);
    }

    private void Post(LineMessage message)
    {
        if (!_inbox.Writer.TryWrite(message))
        {
            Refuse(message);
        }
    }

    private static void Refuse(LineMessage message)
    {
        switch (message)
        {
            case DialRequest dial:
                dial.Completion.TrySetResult(new GatewayDialResult(GatewayDialOutcome.LineDown, "service stopping"));
                break;
            case AnswerRequest { Completion: var c }:
                c.TrySetResult(GatewayCommandResult.Fail("service stopping"));
                break;
            case HangupRequest { Completion: var c }:
                c.TrySetResult(GatewayCommandResult.Fail("service stopping"));
                break;
            case DtmfRequest { Completion: var c }:
                c.TrySetResult(GatewayCommandResult.Fail("service stopping"));
                break;
            case SetOutOfService { Completion: var c }:
                c.TrySetCanceled();
                break;
            case SetInService { Completion: var c }:
                c.TrySetCanceled();
                break;
            case PortDown { Resume: { } resume }:
                resume.TrySetCanceled();
                break;
            default:
                break;
        }
    }

    private void Handle(LineMessage message)
    {
        switch (message)
        {
            case PortUp up:
                _executor = up.Executor;
                _state.PortStatus = GatewayLineStatus.Up;
                _state.PortReason = null;
                _state.SignalDbm = up.SignalDbm ?? _state.SignalDbm;
                _state.Registration = up.Registration ?? _state.Registration;
                _state.SimState = up.SimState ?? _state.SimState;
                _metrics.SetUp(Name, _state.Status == GatewayLineStatus.Up);
                _metrics.SetSignal(Name, _state.SignalDbm);
                Log.LineUp(_logger, Name, _state.SignalDbm, _state.Registration);
                break;
            case PortDown down:
                _executor = null;
                _state.PortStatus = down.Resume is null ? GatewayLineStatus.Down : GatewayLineStatus.OutOfService;
                _state.PortReason = down.Reason;
                _state.LastError = down.Reason;
                _metrics.SetUp(Name, false);
                if (down.Resume is not null)
                {
                    _resumeAfterOutOfService?.TrySetCanceled();
                    _resumeAfterOutOfService = down.Resume;
                    _metrics.CountError(Name, GatewayErrorReasons.OutOfService);
                }

                Log.LineDown(_logger, Name, down.Reason);
                EndCall(GatewayCallEndReason.LineFailure, down.Reason);
                break;
            case HealthUpdate health:
                _state.SignalDbm = health.SignalDbm ?? _state.SignalDbm;
                _state.Registration = health.Registration ?? _state.Registration;
                _metrics.SetSignal(Name, _state.SignalDbm);
                break;
            case Unsolicited unsolicited when ReferenceEquals(unsolicited.Source, _executor):
                HandleUnsolicited(unsolicited.Line);
                break;
            case Unsolicited:
                break;
            case DialRequest dial:
                StartDial(dial);
                break;
            case CancelDial cancel when _call?.DialCompletion == cancel.Completion && !cancel.Completion.Task.IsCompleted:
                _call.PendingOutcome = GatewayDialOutcome.Cancelled;
                Issue(new AtCommand("ATH"), _call.Id, Step.Hangup);
                break;
            case CancelDial:
                break;
            case CommandDone done:
                OnCommandDone(done);
                break;
            case PollTick tick when _call?.Id == tick.CallId && !_call.PollInFlight && !_call.Ending:
                _call.PollInFlight = true;
                Issue(AtCommand.Query("AT+CLCC", "+CLCC"), _call.Id, Step.Clcc);
                break;
            case PollTick:
                break;
            case RingTimeout timeout when _call?.Id == timeout.CallId && _call.State == GatewayCallState.Dialling && !_call.Ending:
                _call.Ending = true;
                _call.PendingOutcome = GatewayDialOutcome.NoAnswer;
                Issue(new AtCommand("ATH"), _call.Id, Step.Hangup);
                break;
            case RingTimeout:
                break;
            case AnswerRequest answer:
                StartAnswer(answer.Completion);
                break;
            case HangupRequest hangup:
                StartHangup(hangup.Completion);
                break;
            case DtmfRequest dtmf:
                StartDtmf(dtmf);
                break;
            case SetOutOfService oos:
                _state.ManualOutOfServiceReason = oos.Reason;
                _metrics.SetUp(Name, false);
                Log.ManualOutOfService(_logger, Name, oos.Reason);
                Defer(oos.Completion, BuildSnapshot());
                break;
            case SetInService inService:
                _state.ManualOutOfServiceReason = null;
                if (_resumeAfterOutOfService is { } resume)
                {
                    _resumeAfterOutOfService = null;
                    _state.PortStatus = GatewayLineStatus.Starting;
                    _state.PortReason = "reopening after being put back in service";
                    Defer(resume);
                }

                _metrics.SetUp(Name, _state.Status == GatewayLineStatus.Up);
                Defer(inService.Completion, BuildSnapshot());
                break;
            default:
                break;
        }
    }

    private void StartDial(DialRequest dial)
    {
        if (_state.Status != GatewayLineStatus.Up || _executor is null)
        {
            Reply(dial, new GatewayDialResult(GatewayDialOutcome.LineDown, _state.StatusReason ?? "line is not up"));
            return;
        }

        if (_call is not null)
        {
            Reply(dial, new GatewayDialResult(GatewayDialOutcome.LineBusy, "a call is in progress on this line"));
            return;
        }

        RollDay();
        if (_caps.Check(_state.CallsToday, _state.LastCallStartedAt) is { } capReason)
        {
            Reply(dial, new GatewayDialResult(GatewayDialOutcome.CapReached, capReason));
            return;
        }

        _state.CallsToday++;
        _state.LastCallStartedAt = _timeProvider.GetUtcNow();
        var call = new Call(++_nextCallId, GatewayCallDirection.Outbound, dial.Number)
        {
            State = GatewayCallState.Dialling,
            DialCompletion = dial.Completion,
        };
        _call = call;
        var id = call.Id;
        call.RingTimer = _timeProvider.CreateTimer(_ => Post(new RingTimeout(id)), null, dial.RingTimeout, Timeout.InfiniteTimeSpan);
        if (_logger.IsEnabled(LogLevel.Information))
        {
#pragma warning disable CA1873 // Guarded by IsEnabled just above.
            Log.Dialling(_logger, Name, Cti.Numbers.PhoneNumberMask.ForLog(dial.Number));
#pragma warning restore CA1873
        }

        // Some modules answer ATD only when the far end answers (AT+COLP=1, fixed-line modems): give it the ringing time.
        Issue(AtCommand.Dial(dial.Number), id, Step.Dial, dial.RingTimeout + _options.CommandTimeout);
    }

    private void Reply(DialRequest dial, GatewayDialResult result)
    {
        _metrics.CountCall(Name, result.Label);
        Defer(dial.Completion, result);
    }

    private void StartAnswer(TaskCompletionSource<GatewayCommandResult> completion)
    {
        if (_call is not { Direction: GatewayCallDirection.Inbound, State: GatewayCallState.Ringing, Ending: false } call)
        {
            Defer(completion, GatewayCommandResult.Fail("no inbound call is ringing"));
            return;
        }

        call.AnswerCompletion = completion;
        Issue(AtCommand.Answer(), call.Id, Step.Answer);
    }

    private void StartHangup(TaskCompletionSource<GatewayCommandResult> completion)
    {
        if (_call is not { } call)
        {
            Defer(completion, GatewayCommandResult.Fail("no call on this line"));
            return;
        }

        call.HangupCompletion = completion;
        call.PendingOutcome ??= GatewayDialOutcome.Cancelled;
        Issue(new AtCommand("ATH"), call.Id, Step.Hangup);
    }

    private void StartDtmf(DtmfRequest request)
    {
        if (_call is not { State: GatewayCallState.Active } || _executor is not { } executor)
        {
            Defer(request.Completion, GatewayCommandResult.Fail("no active call"));
            return;
        }

        // Tones need no line state, so they run beside the loop; the executor still sends one command at a time.
        _ = SendDigitsAsync(executor, request.Digits, request.Completion);
    }

    private async Task SendDigitsAsync(AtCommandExecutor executor, string digits, TaskCompletionSource<GatewayCommandResult> completion)
    {
        foreach (var digit in digits)
        {
            var response = await executor.ExecuteAsync(new AtCommand($"AT+VTS={digit}"), _options.CommandTimeout, _stopping);
            if (!response.IsOk)
            {
                Defer(completion, GatewayCommandResult.Fail($"AT+VTS failed: {response.Describe()}"));
                return;
            }
        }

        Defer(completion, GatewayCommandResult.Ok);
    }

    private void HandleUnsolicited(AtLine line)
    {
        switch (line.Kind)
        {
            case AtLineKind.Ring:
                OnRing();
                break;
            case AtLineKind.Clip when _call is { Direction: GatewayCallDirection.Inbound, State: GatewayCallState.Ringing } call:
                RaiseIncoming(call, AtResponseParser.ParseClipNumber(line));
                break;
            case AtLineKind.Creg:
                _state.Registration = AtResponseParser.ParseCreg(line, isQueryResponse: false) ?? _state.Registration;
                break;
            case AtLineKind.Csq:
                _state.SignalDbm = AtResponseParser.ParseCsqDbm(line) ?? _state.SignalDbm;
                _metrics.SetSignal(Name, _state.SignalDbm);
                break;
            case AtLineKind.NoCarrier or AtLineKind.Busy or AtLineKind.NoAnswer or AtLineKind.NoDialTone when _call is { Ending: false } call:
                OnCallReleased(call, line.Kind switch
                {
                    AtLineKind.Busy => GatewayDialOutcome.Busy,
                    AtLineKind.NoAnswer => GatewayDialOutcome.NoAnswer,
                    AtLineKind.NoDialTone => GatewayDialOutcome.NoDialTone,
                    _ => GatewayDialOutcome.NoCarrier,
                });
                break;
            case AtLineKind.CmeError or AtLineKind.CmsError or AtLineKind.Error:
                _state.LastError = line.Text;
                break;
            default:
                break;
        }
    }

    private void OnRing()
    {
        if (_call is { Direction: GatewayCallDirection.Inbound, State: GatewayCallState.Ringing } ringing)
        {
            // A second RING without +CLIP: the number is withheld or CLIP is off; announce the call anyway.
            if (++ringing.Rings >= 2)
            {
                RaiseIncoming(ringing, null);
            }

            return;
        }

        if (_call is not null || _state.Status != GatewayLineStatus.Up)
        {
            return;
        }

        var call = new Call(++_nextCallId, GatewayCallDirection.Inbound, null) { State = GatewayCallState.Ringing, Rings = 1 };
        _call = call;
        StartPolling(call);
    }

    private void RaiseIncoming(Call call, string? number)
    {
        if (call.Announced)
        {
            return;
        }

        call.Announced = true;
        call.Number = number;
        if (_logger.IsEnabled(LogLevel.Information))
        {
#pragma warning disable CA1873 // Guarded by IsEnabled just above.
            Log.Incoming(_logger, Name, Cti.Numbers.PhoneNumberMask.ForLog(number));
#pragma warning restore CA1873
        }

        try
        {
            IncomingCall?.Invoke(this, new GatewayIncomingCallEventArgs(Name, Queue, number, _timeProvider.GetUtcNow()));
        }
#pragma warning disable CA1031 // A subscriber's bug must not stop the line's loop.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.HandlerFailed(_logger, Name, ex);
        }
    }

    /// <summary>The network released the call (NO CARRIER/BUSY ... unsolicited, or the call vanished from +CLCC).</summary>
    private void OnCallReleased(Call call, GatewayDialOutcome outcome)
    {
        if (call.Direction == GatewayCallDirection.Inbound && call.State == GatewayCallState.Ringing)
        {
            EndCall(GatewayCallEndReason.Missed, null);
            return;
        }

        call.Ending = true;
        if (outcome == GatewayDialOutcome.NoCarrier)
        {
            call.PendingOutcome = outcome;
            Issue(AtCommand.Query("AT+CEER", "+CEER"), call.Id, Step.Ceer);
            return;
        }

        if (call.DialCompletion is { Task.IsCompleted: false })
        {
            CompleteDial(call, new GatewayDialResult(outcome));
        }
        else
        {
            EndCall(GatewayCallEndReason.RemoteHangup, null);
        }
    }

    private void OnCommandDone(CommandDone done)
    {
        if (_call?.Id != done.CallId)
        {
            return;
        }

        var call = _call;
        var response = done.Response;
        switch (done.Step)
        {
            case Step.Dial:
                OnDialResponse(call, response);
                break;
            case Step.Clcc:
                call.PollInFlight = false;
                OnClcc(call, response);
                break;
            case Step.Ceer:
                var cause = response.Find(AtLineKind.Ceer) is { } ceer ? AtResponseParser.ParseCeer(ceer) : null;
                if (call.DialCompletion is { Task.IsCompleted: false })
                {
                    CompleteDial(call, new GatewayDialResult(GatewayDialOutcome.NoCarrier, cause));
                }
                else
                {
                    EndCall(GatewayCallEndReason.RemoteHangup, cause);
                }

                break;
            case Step.Answer:
                if (response.Status == AtResponseStatus.Completed && response.Final?.Kind is AtLineKind.Ok or AtLineKind.Connect)
                {
                    call.State = GatewayCallState.Active;
                    _metrics.CountCall(Name, "inbound-answered");
                    Defer(call.AnswerCompletion, GatewayCommandResult.Ok);
                }
                else
                {
                    NoteCommandFailure(response);
                    Defer(call.AnswerCompletion, GatewayCommandResult.Fail($"ATA failed: {response.Describe()}"));
                }

                break;
            case Step.Hangup when response.Status == AtResponseStatus.Completed && !response.IsOk:
                // Some modules reject ATH for voice calls; AT+CHUP is the 3GPP way.
                Issue(new AtCommand("AT+CHUP"), call.Id, Step.HangupChup);
                break;
            case Step.Hangup or Step.HangupChup:
                if (!response.IsOk)
                {
                    NoteCommandFailure(response);
                }

                Defer(call.HangupCompletion, response.IsOk ? GatewayCommandResult.Ok : GatewayCommandResult.Fail($"hang-up failed: {response.Describe()}"));
                if (call.DialCompletion is { Task.IsCompleted: false })
                {
                    CompleteDial(call, new GatewayDialResult(call.PendingOutcome ?? GatewayDialOutcome.Cancelled));
                }
                else
                {
                    EndCall(GatewayCallEndReason.LocalHangup, null);
                }

                break;
            default:
                break;
        }
    }

    private void OnDialResponse(Call call, AtResponse response)
    {
        if (call.Ending && call.DialCompletion is { Task.IsCompleted: false } && call.PendingOutcome is not null)
        {
            return; // A hang-up (ring timeout or cancel) is already on its way.
        }

        if (response.Status != AtResponseStatus.Completed)
        {
            NoteCommandFailure(response);
            CompleteDial(call, new GatewayDialResult(GatewayDialOutcome.LineFailure, $"ATD: {response.Describe()}"));
            return;
        }

        var final = response.Final!.Value;
        switch (final.Kind)
        {
            case AtLineKind.Ok:
                // Voice ATD usually answers OK at once; progress then comes from +CLCC or a later NO CARRIER/BUSY.
                StartPolling(call);
                break;
            case AtLineKind.Connect:
                CompleteDial(call, new GatewayDialResult(GatewayDialOutcome.Answered));
                break;
            case AtLineKind.Busy or AtLineKind.NoAnswer or AtLineKind.NoDialTone or AtLineKind.NoCarrier:
                OnCallReleased(call, final.Kind switch
                {
                    AtLineKind.Busy => GatewayDialOutcome.Busy,
                    AtLineKind.NoAnswer => GatewayDialOutcome.NoAnswer,
                    AtLineKind.NoDialTone => GatewayDialOutcome.NoDialTone,
                    _ => GatewayDialOutcome.NoCarrier,
                });
                break;
            default:
                _state.LastError = final.Text;
                _metrics.CountError(Name, GatewayErrorReasons.ModuleError);
                CompleteDial(call, new GatewayDialResult(GatewayDialOutcome.NetworkError, final.Text, final.Code));
                break;
        }
    }

    private void OnClcc(Call call, AtResponse response)
    {
        if (!response.IsOk || call.Ending)
        {
            return;
        }

        ClccEntry? match = null;
        foreach (var line in response.Lines)
        {
            if (line.Kind == AtLineKind.Clcc && AtResponseParser.ParseClcc(line) is { } entry
                && entry.IsOutgoing == (call.Direction == GatewayCallDirection.Outbound))
            {
                match = entry;
                break;
            }
        }

        if (match is null)
        {
            OnCallReleased(call, GatewayDialOutcome.NoCarrier);
        }
        else if (match.Value.Stat == ClccEntry.Active && call.Direction == GatewayCallDirection.Outbound && call.State == GatewayCallState.Dialling)
        {
            CompleteDial(call, new GatewayDialResult(GatewayDialOutcome.Answered));
        }
    }

    private void StartPolling(Call call)
    {
        var id = call.Id;
        call.PollTimer ??= _timeProvider.CreateTimer(_ => Post(new PollTick(id)), null, _options.PollClccInterval, _options.PollClccInterval);
    }

    private void CompleteDial(Call call, GatewayDialResult result)
    {
        call.RingTimer?.Dispose();
        call.RingTimer = null;
        _metrics.CountCall(Name, result.Label);
        Log.DialResult(_logger, Name, result.Label, result.Cause);
        if (result.Outcome == GatewayDialOutcome.Answered)
        {
            call.State = GatewayCallState.Active;
            StartPolling(call);
            Defer(call.DialCompletion, result);
            return;
        }

        Defer(call.DialCompletion, result);
        Release(call);
    }

    /// <summary>Ends whatever call is on the line; a dial still waiting gets the matching outcome.</summary>
    private void EndCall(GatewayCallEndReason reason, string? cause)
    {
        if (_call is not { } call)
        {
            return;
        }

        if (call.DialCompletion is { Task.IsCompleted: false })
        {
            var outcome = reason switch
            {
                GatewayCallEndReason.LineFailure => GatewayDialOutcome.LineFailure,
                GatewayCallEndReason.LocalHangup => call.PendingOutcome ?? GatewayDialOutcome.Cancelled,
                _ => GatewayDialOutcome.NoCarrier,
            };
            CompleteDial(call, new GatewayDialResult(outcome, cause));
            return;
        }

        Defer(call.AnswerCompletion, GatewayCommandResult.Fail("call ended"));
        Defer(call.HangupCompletion, GatewayCommandResult.Ok);
        Release(call);
        var label = GatewayLabels.CallEnd(reason);
        if (reason == GatewayCallEndReason.LineFailure)
        {
            _metrics.CountCall(Name, label);
        }

        Log.CallEnded(_logger, Name, label);
        try
        {
            CallEnded?.Invoke(this, new GatewayCallEndedEventArgs(Name, call.Direction, reason, cause, _timeProvider.GetUtcNow()));
        }
#pragma warning disable CA1031 // A subscriber's bug must not stop the line's loop.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.HandlerFailed(_logger, Name, ex);
        }
    }

    private void Release(Call call)
    {
        call.PollTimer?.Dispose();
        call.RingTimer?.Dispose();
        if (ReferenceEquals(_call, call))
        {
            _call = null;
        }
    }

    private void NoteCommandFailure(AtResponse response)
    {
        _state.LastError = response.Describe();
        _metrics.CountError(Name, response.Status switch
        {
            AtResponseStatus.TimedOut => GatewayErrorReasons.Timeout,
            AtResponseStatus.PortFailed => GatewayErrorReasons.PortFailure,
            _ => GatewayErrorReasons.ModuleError,
        });
    }

    private void Issue(AtCommand command, long callId, Step step, TimeSpan? timeout = null)
    {
        var executor = _executor;
        if (executor is null)
        {
            Post(new CommandDone(callId, step, AtResponse.Failed(AtResponseStatus.PortFailed)));
            return;
        }

        _ = RunCommandAsync();

        async Task RunCommandAsync()
        {
            AtResponse response;
            try
            {
                response = await executor.ExecuteAsync(command, timeout ?? _options.CommandTimeout, _stopping);
            }
            catch (ObjectDisposedException)
            {
                response = AtResponse.Failed(AtResponseStatus.PortFailed);
            }

            Post(new CommandDone(callId, step, response));
        }
    }

    private void RollDay()
    {
        var today = _caps.Today;
        if (today != _state.CallsDay)
        {
            _state.CallsDay = today;
            _state.CallsToday = 0;
        }
    }

    private GatewayLineSnapshot BuildSnapshot()
    {
        var callsToday = _state.CallsDay == _caps.Today ? _state.CallsToday : 0;
        return new GatewayLineSnapshot(
            Name,
            Group,
            _options.PortName,
            AudioEndpoint,
            Queue,
            _state.Status,
            _state.StatusReason,
            _call?.State ?? GatewayCallState.Idle,
            _state.SignalDbm,
            _state.Registration,
            _state.SimState,
            _state.LastError,
            _state.CallsDay,
            callsToday,
            _state.LastCallStartedAt,
            _caps.Check(callsToday, _state.LastCallStartedAt),
            _timeProvider.GetUtcNow());
    }

    /// <summary>The call on the line; owned by the loop.</summary>
    private sealed class Call(long id, GatewayCallDirection direction, string? number)
    {
        public long Id { get; } = id;

        public GatewayCallDirection Direction { get; } = direction;

        public string? Number { get; set; } = number;

        public GatewayCallState State { get; set; }

        public bool Ending { get; set; }

        public bool PollInFlight { get; set; }

        public bool Announced { get; set; }

        public int Rings { get; set; }

        public GatewayDialOutcome? PendingOutcome { get; set; }

        public TaskCompletionSource<GatewayDialResult>? DialCompletion { get; init; }

        public TaskCompletionSource<GatewayCommandResult>? AnswerCompletion { get; set; }

        public TaskCompletionSource<GatewayCommandResult>? HangupCompletion { get; set; }

        public ITimer? PollTimer { get; set; }

        public ITimer? RingTimer { get; set; }
    }

    private abstract record LineMessage;

    private sealed record PortUp(AtCommandExecutor Executor, int? SignalDbm, NetworkRegistration? Registration, string? SimState) : LineMessage;

    private sealed record PortDown(string Reason, TaskCompletionSource? Resume) : LineMessage;

    private sealed record HealthUpdate(int? SignalDbm, NetworkRegistration? Registration) : LineMessage;

    private sealed record Unsolicited(AtCommandExecutor Source, AtLine Line) : LineMessage;

    private sealed record DialRequest(string Number, TimeSpan RingTimeout, TaskCompletionSource<GatewayDialResult> Completion) : LineMessage;

    private sealed record CancelDial(TaskCompletionSource<GatewayDialResult> Completion) : LineMessage;

    private sealed record AnswerRequest(TaskCompletionSource<GatewayCommandResult> Completion) : LineMessage;

    private sealed record HangupRequest(TaskCompletionSource<GatewayCommandResult> Completion) : LineMessage;

    private sealed record DtmfRequest(string Digits, TaskCompletionSource<GatewayCommandResult> Completion) : LineMessage;

    private sealed record SetOutOfService(string Reason, TaskCompletionSource<GatewayLineSnapshot> Completion) : LineMessage;

    private sealed record SetInService(TaskCompletionSource<GatewayLineSnapshot> Completion) : LineMessage;

    private sealed record CommandDone(long CallId, Step Step, AtResponse Response) : LineMessage;

    private sealed record PollTick(long CallId) : LineMessage;

    private sealed record RingTimeout(long CallId) : LineMessage;
}
