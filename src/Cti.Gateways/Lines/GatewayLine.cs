using Cti.Gateways.At;
using Cti.Gateways.Hosting;
using Microsoft.Extensions.Logging;

namespace Cti.Gateways.Lines;

/// <summary>
/// The call-control engine of one gateway line. A single loop reads the line's inbox and alone changes the line's
/// state: API requests, unsolicited codes, command completions and timer ticks all arrive there as messages and are
/// handed to the collaborator that owns them (dialling, incoming calls, call control, health). Commands run on the
/// <see cref="AtCommandExecutor"/> and post their results back, so the loop never waits on the module.
/// </summary>
internal sealed partial class GatewayLine : IGatewayLine
{
    private readonly GatewayLineContext _line;
    private readonly GatewayCallControl _calls;
    private readonly GatewayDialling _dialling;
    private readonly GatewayIncomingCalls _incoming;
    private readonly GatewayLineHealth _health;
    private volatile GatewayLineSnapshot _snapshot;

    public GatewayLine(GatewayLineOptions options, TimeProvider timeProvider, GatewayMetrics metrics, ILogger<GatewayLine> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _line = new GatewayLineContext(options, timeProvider, metrics, logger);
        _calls = new GatewayCallControl(_line, RaiseCallEnded);
        _dialling = new GatewayDialling(_line, _calls);
        _incoming = new GatewayIncomingCalls(_line, _calls, RaiseIncomingCall);
        _health = new GatewayLineHealth(_line, _calls);
        _snapshot = _line.BuildSnapshot();
    }

    public event EventHandler<GatewayIncomingCallEventArgs>? IncomingCall;

    public event EventHandler<GatewayCallEndedEventArgs>? CallEnded;

    public string Name => _line.Options.Name;

    public string Group => _line.Options.Group;

    public string AudioEndpoint => _line.Options.AudioEndpoint;

    public string? Queue => _line.Options.Queue;

    public GatewayLineOptions Options => _line.Options;

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

            var callsToday = s.CallsDay == _line.Caps.Today ? s.CallsToday : 0;
            return _line.Caps.Check(callsToday, s.LastCallStartedAt) is null;
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
        _line.Post(new GatewayLineMessage.DialRequest(e164Number, ringTimeout, completion));
        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(() => _line.Post(new GatewayLineMessage.CancelDial(completion)));
            _ = completion.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return completion.Task;
    }

    public Task<GatewayCommandResult> AnswerAsync(CancellationToken cancellationToken) =>
        Request(c => new GatewayLineMessage.AnswerRequest(c), cancellationToken);

    public Task<GatewayCommandResult> HangupAsync(CancellationToken cancellationToken) =>
        Request(c => new GatewayLineMessage.HangupRequest(c), cancellationToken);

    public Task<GatewayCommandResult> SendDtmfAsync(string digits, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(digits) || !digits.All(d => char.IsAsciiDigit(d) || d is '*' or '#' or 'A' or 'B' or 'C' or 'D'))
        {
            throw new ArgumentException("DTMF digits are 0-9, *, #, A-D.", nameof(digits));
        }

        return Request(c => new GatewayLineMessage.DtmfRequest(digits, c), cancellationToken);
    }

    public Task<GatewayLineSnapshot> TakeOutOfServiceAsync(string reason, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<GatewayLineSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        _line.Post(new GatewayLineMessage.SetOutOfService(string.IsNullOrWhiteSpace(reason) ? "taken out of service by an operator" : reason, completion));
        return completion.Task.WaitAsync(cancellationToken);
    }

    public Task<GatewayLineSnapshot> PutInServiceAsync(CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<GatewayLineSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        _line.Post(new GatewayLineMessage.SetInService(completion));
        return completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>The worker reports an open, initialised port.</summary>
    public void ReportUp(AtCommandExecutor executor, int? signalDbm, NetworkRegistration? registration, string? simState) =>
        _line.Post(new GatewayLineMessage.PortUp(executor, signalDbm, registration, simState));

    /// <summary>The worker reports a lost port or a module being reset; a call in progress ends with "line-failure".</summary>
    public void ReportDown(string reason) => _line.Post(new GatewayLineMessage.PortDown(reason, null));

    /// <summary>The worker gives up after repeated stalls; completes when an operator puts the line back in service.</summary>
    public Task ReportOutOfServiceAsync(string reason, CancellationToken cancellationToken)
    {
        var resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _line.Post(new GatewayLineMessage.PortDown(reason, resume));
        return resume.Task.WaitAsync(cancellationToken);
    }

    public void ReportHealth(int? signalDbm, NetworkRegistration? registration) =>
        _line.Post(new GatewayLineMessage.HealthUpdate(signalDbm, registration));

    public void OnUnsolicited(AtCommandExecutor source, AtLine line) => _line.Post(new GatewayLineMessage.Unsolicited(source, line));

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        _line.Stopping = stoppingToken;
        try
        {
            await foreach (var message in _line.Inbox.ReadAllAsync(stoppingToken))
            {
                Handle(message);
                _snapshot = _line.BuildSnapshot();
                _line.CompleteDeferred();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            _line.CloseInbox();
            _calls.EndCall(GatewayCallEndReason.LineFailure, "service stopping");
            _line.RefuseQueued();
            _snapshot = _line.BuildSnapshot();
            _line.CompleteDeferred();
        }
    }

    private static bool IsDiallable(string? number) =>
        number is { Length: >= 3 and <= 21 } && (number[0] == '+' || char.IsAsciiDigit(number[0])) && number.Skip(1).All(char.IsAsciiDigit);

    private Task<GatewayCommandResult> Request(Func<TaskCompletionSource<GatewayCommandResult>, GatewayLineMessage> create, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<GatewayCommandResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _line.Post(create(completion));
        return completion.Task.WaitAsync(cancellationToken);
    }

    private void Handle(GatewayLineMessage message)
    {
        switch (message)
        {
            case GatewayLineMessage.PortUp up:
                _health.OnPortUp(up);
                break;
            case GatewayLineMessage.PortDown down:
                _health.OnPortDown(down);
                break;
            case GatewayLineMessage.HealthUpdate health:
                _health.OnHealthUpdate(health);
                break;
            case GatewayLineMessage.Unsolicited unsolicited when ReferenceEquals(unsolicited.Source, _line.Executor):
                HandleUnsolicited(unsolicited.Line);
                break;
            case GatewayLineMessage.Unsolicited:
                break;
            case GatewayLineMessage.DialRequest dial:
                _dialling.Start(dial);
                break;
            case GatewayLineMessage.CancelDial cancel:
                _dialling.Cancel(cancel);
                break;
            case GatewayLineMessage.CommandDone done:
                OnCommandDone(done);
                break;
            case GatewayLineMessage.PollTick tick:
                _calls.OnPollTick(tick);
                break;
            case GatewayLineMessage.RingTimerFired timeout:
                _dialling.OnRingTimeout(timeout);
                break;
            case GatewayLineMessage.AnswerRequest answer:
                _incoming.StartAnswer(answer.Completion);
                break;
            case GatewayLineMessage.HangupRequest hangup:
                _calls.StartHangup(hangup.Completion);
                break;
            case GatewayLineMessage.DtmfRequest dtmf:
                _calls.StartDtmf(dtmf);
                break;
            case GatewayLineMessage.SetOutOfService oos:
                _health.TakeOutOfService(oos);
                break;
            case GatewayLineMessage.SetInService inService:
                _health.PutInService(inService);
                break;
            default:
                break;
        }
    }

    private void HandleUnsolicited(AtLine line)
    {
        switch (line.Kind)
        {
            case AtLineKind.Ring:
                _incoming.OnRing();
                break;
            case AtLineKind.Clip:
                _incoming.OnClip(line);
                break;
            case AtLineKind.Creg:
                _health.OnRegistration(line);
                break;
            case AtLineKind.Csq:
                _health.OnSignal(line);
                break;
            case AtLineKind.NoCarrier or AtLineKind.Busy or AtLineKind.NoAnswer or AtLineKind.NoDialTone when _line.Call is { Ending: false } call:
                _calls.OnCallReleased(call, GatewayCallControl.ReleaseOutcome(line.Kind));
                break;
            case AtLineKind.CmeError or AtLineKind.CmsError or AtLineKind.Error:
                _health.OnModuleError(line);
                break;
            default:
                break;
        }
    }

    /// <summary>A command's response goes to whoever issued it, unless its call has already gone.</summary>
    private void OnCommandDone(GatewayLineMessage.CommandDone done)
    {
        if (_line.Call is not { } call || call.Id != done.CallId)
        {
            return;
        }

        switch (done.Step)
        {
            case GatewayCallStep.Dial:
                _dialling.OnDialResponse(call, done.Response);
                break;
            case GatewayCallStep.Clcc:
                _calls.OnClcc(call, done.Response);
                break;
            case GatewayCallStep.Ceer:
                _calls.OnCeer(call, done.Response);
                break;
            case GatewayCallStep.Answer:
                _incoming.OnAnswerResponse(call, done.Response);
                break;
            case GatewayCallStep.Hangup or GatewayCallStep.HangupChup:
                _calls.OnHangupResponse(call, done.Step, done.Response);
                break;
            default:
                break;
        }
    }

    private void RaiseIncomingCall(GatewayIncomingCallEventArgs args) => Raise(IncomingCall, args);

    private void RaiseCallEnded(GatewayCallEndedEventArgs args) => Raise(CallEnded, args);

    private void Raise<TArgs>(EventHandler<TArgs>? handler, TArgs args)
    {
        try
        {
            handler?.Invoke(this, args);
        }
#pragma warning disable CA1031 // A subscriber's bug must not stop the line's loop.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.HandlerFailed(_line.Logger, Name, ex);
        }
    }
}
