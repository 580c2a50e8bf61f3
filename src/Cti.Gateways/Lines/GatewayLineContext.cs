using System.Threading.Channels;
using Cti.Gateways.At;
using Cti.Gateways.Hosting;
using Microsoft.Extensions.Logging;

namespace Cti.Gateways.Lines;

/// <summary>
/// What a line's collaborators share: its inbox, live state, the call on it and the AT executor. Only the line's loop
/// reads or changes it; others only <see cref="Post"/> messages.
/// </summary>
internal sealed class GatewayLineContext
{
    private readonly Channel<GatewayLineMessage> _inbox = Channel.CreateUnbounded<GatewayLineMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<Action> _deferred = [];
    private long _nextCallId;

    public GatewayLineContext(GatewayLineOptions options, TimeProvider timeProvider, GatewayMetrics metrics, ILogger<GatewayLine> logger)
    {
        Options = options;
        TimeProvider = timeProvider;
        Metrics = metrics;
        Logger = logger;
        Caps = new GatewayLineCaps(options.Caps ?? new GatewayCapsOptions(), timeProvider);
        State.CallsDay = Caps.Today;
    }

    public GatewayLineOptions Options { get; }

    public string Name => Options.Name;

    public TimeProvider TimeProvider { get; }

    public GatewayMetrics Metrics { get; }

    public ILogger<GatewayLine> Logger { get; }

    public GatewayLineCaps Caps { get; }

    public GatewayLineState State { get; } = new();

    public AtCommandExecutor? Executor { get; set; }

    public GatewayCall? Call { get; set; }

    public CancellationToken Stopping { get; set; }

    public ChannelReader<GatewayLineMessage> Inbox => _inbox.Reader;

    public long NextCallId() => ++_nextCallId;

    public void Post(GatewayLineMessage message)
    {
        if (!_inbox.Writer.TryWrite(message))
        {
            Refuse(message);
        }
    }

    public void CloseInbox() => _inbox.Writer.TryComplete();

    /// <summary>After <see cref="CloseInbox"/>: answers whatever was still queued.</summary>
    public void RefuseQueued()
    {
        while (_inbox.Reader.TryRead(out var left))
        {
            Refuse(left);
        }
    }

    /// <summary>
    /// Results are handed out only after the loop has published the snapshot they produced, so a caller that awaits
    /// a command and then reads the line's state sees the state its command left (continuations run elsewhere).
    /// </summary>
    public void Defer<T>(TaskCompletionSource<T>? completion, T result)
    {
        if (completion is not null)
        {
            _deferred.Add(() => completion.TrySetResult(result));
        }
    }

    public void Defer(TaskCompletionSource? completion)
    {
        if (completion is not null)
        {
            _deferred.Add(() => completion.TrySetResult());
        }
    }

    public void CompleteDeferred()
    {
        foreach (var complete in _deferred)
        {
            complete();
        }

        _deferred.Clear();
    }

    /// <summary>Runs a command beside the loop; its response comes back as <see cref="GatewayLineMessage.CommandDone"/>.</summary>
    public void Issue(AtCommand command, long callId, GatewayCallStep step, TimeSpan? timeout = null)
    {
        var executor = Executor;
        if (executor is null)
        {
            Post(new GatewayLineMessage.CommandDone(callId, step, AtResponse.Failed(AtResponseStatus.PortFailed)));
            return;
        }

        _ = RunCommandAsync();

        async Task RunCommandAsync()
        {
            AtResponse response;
            try
            {
                response = await executor.ExecuteAsync(command, timeout ?? Options.CommandTimeout, Stopping);
            }
            catch (ObjectDisposedException)
            {
                response = AtResponse.Failed(AtResponseStatus.PortFailed);
            }

            Post(new GatewayLineMessage.CommandDone(callId, step, response));
        }
    }

    public void NoteCommandFailure(AtResponse response)
    {
        State.LastError = response.Describe();
        Metrics.CountError(Name, response.Status switch
        {
            AtResponseStatus.TimedOut => GatewayErrorReasons.Timeout,
            AtResponseStatus.PortFailed => GatewayErrorReasons.PortFailure,
            _ => GatewayErrorReasons.ModuleError,
        });
    }

    public GatewayLineSnapshot BuildSnapshot()
    {
        var callsToday = State.CallsDay == Caps.Today ? State.CallsToday : 0;
        return new GatewayLineSnapshot(
            Name,
            Options.Group,
            Options.PortName,
            Options.AudioEndpoint,
            Options.Queue,
            State.Status,
            State.StatusReason,
            Call?.State ?? GatewayCallState.Idle,
            State.SignalDbm,
            State.Registration,
            State.SimState,
            State.LastError,
            State.CallsDay,
            callsToday,
            State.LastCallStartedAt,
            Caps.Check(callsToday, State.LastCallStartedAt),
            TimeProvider.GetUtcNow());
    }

    private static void Refuse(GatewayLineMessage message)
    {
        switch (message)
        {
            case GatewayLineMessage.DialRequest dial:
                dial.Completion.TrySetResult(new GatewayDialResult(GatewayDialOutcome.LineDown, "service stopping"));
                break;
            case GatewayLineMessage.AnswerRequest { Completion: var c }:
                c.TrySetResult(GatewayCommandResult.Fail("service stopping"));
                break;
            case GatewayLineMessage.HangupRequest { Completion: var c }:
                c.TrySetResult(GatewayCommandResult.Fail("service stopping"));
                break;
            case GatewayLineMessage.DtmfRequest { Completion: var c }:
                c.TrySetResult(GatewayCommandResult.Fail("service stopping"));
                break;
            case GatewayLineMessage.SetOutOfService { Completion: var c }:
                c.TrySetCanceled();
                break;
            case GatewayLineMessage.SetInService { Completion: var c }:
                c.TrySetCanceled();
                break;
            case GatewayLineMessage.PortDown { Resume: { } resume }:
                resume.TrySetCanceled();
                break;
            default:
                break;
        }
    }
}
