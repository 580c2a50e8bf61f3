using System.Threading.Channels;
using Cti.Routing.Config;
using Cti.Routing.Persistence;
using Cti.Routing.Statistics;
using Microsoft.Extensions.Logging;

namespace Cti.Routing.Engine;

/// <summary>
/// The inbound ACD engine: a single-writer loop that drains a channel of <see cref="AcdCommand"/>s into the
/// synchronous core and publishes every decision and event on <see cref="Outputs"/>. All state is owned by
/// the loop; producers only post. A TimeProvider timer wakes the loop for the next due timer.
/// </summary>
public sealed partial class AcdEngine
{
    private readonly Channel<AcdCommand> _commands = Channel.CreateUnbounded<AcdCommand>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<AcdOutput> _outputs = Channel.CreateUnbounded<AcdOutput>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly AcdCore _core;
    private readonly TimeProvider _time;
    private readonly ILogger<AcdEngine> _logger;
    private int _freeForOutbound;

    /// <exception cref="ArgumentException">The initial configuration is invalid (the message lists every error).</exception>
    public AcdEngine(RoutingConfig config, IRoutingStateStore store, TimeProvider timeProvider, ILogger<AcdEngine> logger, AcdEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _time = timeProvider;
        _logger = logger;
        _core = new AcdCore(config, store, timeProvider.GetUtcNow(), logger, options?.RandomSeed ?? 0);
        _freeForOutbound = _core.AgentsFreeForOutbound;
    }

    /// <summary>Decisions and events in sequence order. The host must keep reading it.</summary>
    public ChannelReader<AcdOutput> Outputs => _outputs.Reader;

    /// <summary>Ready idle agents available to the dialer, as of the last processed command.</summary>
    public int AgentsFreeForOutbound => Volatile.Read(ref _freeForOutbound);

    /// <summary>Queues a command; false only after the engine has stopped.</summary>
    public bool Post(AcdCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return _commands.Writer.TryWrite(command);
    }

    /// <summary>A consistent snapshot, taken on the loop between two commands.</summary>
    public Task<RoutingSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default) =>
        Request<RoutingSnapshot>(tcs => new SnapshotRequest(tcs), cancellationToken);

    /// <summary>Validates and applies a configuration; returns every error (empty when applied).</summary>
    public Task<IReadOnlyList<string>> ApplyConfigAsync(RoutingConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Request<IReadOnlyList<string>>(tcs => new ConfigRequest(config, tcs), cancellationToken);
    }

    /// <summary>Ready idle agents that may take an outbound call for the campaign (any campaign when null).</summary>
    public Task<int> CountFreeForOutboundAsync(string? campaignId, CancellationToken cancellationToken = default) =>
        Request<int>(tcs => new OutboundCountRequest(campaignId, tcs), cancellationToken);

    /// <summary>Runs the loop until cancelled; run it from one hosted service.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = _time.CreateTimer(_ => _commands.Writer.TryWrite(Tick.Instance), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Log.Started(_logger);
        try
        {
            Arm(timer);
            await foreach (var command in _commands.Reader.ReadAllAsync(cancellationToken))
            {
                Handle(command);
                Arm(timer);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Normal shutdown.
        }
        finally
        {
            _commands.Writer.TryComplete();
            _outputs.Writer.TryComplete();
            Log.Stopped(_logger);
        }
    }

    private void Handle(AcdCommand command)
    {
        var now = _time.GetUtcNow();
        try
        {
            switch (command)
            {
                case SnapshotRequest r:
                    Publish(_core.Tick(now));
                    r.Completion.TrySetResult(_core.Snapshot(now));
                    return;
                case OutboundCountRequest r:
                    Publish(_core.Tick(now));
                    r.Completion.TrySetResult(_core.CountFreeForOutbound(r.CampaignId));
                    return;
                case ConfigRequest r:
                    var outputs = _core.Process(new ApplyRoutingConfig(r.Config), now);
                    var rejected = outputs.OfType<ConfigRejected>().FirstOrDefault();
                    Publish(outputs);
                    r.Completion.TrySetResult(rejected?.Errors ?? []);
                    return;
                default:
                    Publish(_core.Process(command, now));
                    return;
            }
        }
#pragma warning disable CA1031 // One faulty command must not stop routing for every other call.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.CommandFailed(_logger, command.GetType().Name, ex);
            (command as IEngineRequest)?.Fail(ex);
        }
    }

    private void Publish(IReadOnlyList<AcdOutput> outputs)
    {
        foreach (var output in outputs)
        {
            _outputs.Writer.TryWrite(output);
        }

        Volatile.Write(ref _freeForOutbound, _core.AgentsFreeForOutbound);
    }

    private void Arm(ITimer timer)
    {
        if (_core.NextDueTime is { } due)
        {
            var delay = due - _time.GetUtcNow();
            timer.Change(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);
        }
        else
        {
            timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task<T> Request<T>(Func<TaskCompletionSource<T>, AcdCommand> create, CancellationToken cancellationToken)
    {
        var tcs = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_commands.Writer.TryWrite(create(tcs)))
        {
            throw new InvalidOperationException("The routing engine has stopped.");
        }

        return await tcs.Task.WaitAsync(cancellationToken);
    }

    private interface IEngineRequest
    {
        void Fail(Exception exception);
    }

    private sealed record SnapshotRequest(TaskCompletionSource<RoutingSnapshot> Completion) : AcdCommand, IEngineRequest
    {
        public void Fail(Exception exception) => Completion.TrySetException(exception);
    }

    private sealed record ConfigRequest(RoutingConfig Config, TaskCompletionSource<IReadOnlyList<string>> Completion) : AcdCommand, IEngineRequest
    {
        public void Fail(Exception exception) => Completion.TrySetException(exception);
    }

    private sealed record OutboundCountRequest(string? CampaignId, TaskCompletionSource<int> Completion) : AcdCommand, IEngineRequest
    {
        public void Fail(Exception exception) => Completion.TrySetException(exception);
    }
}
