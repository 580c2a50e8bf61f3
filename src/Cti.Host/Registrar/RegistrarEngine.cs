using System.Threading.Channels;
using Cti.Host.Metrics;
using Cti.Host.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Cti.Host.Registrar;

/// <summary>
/// Owns the <see cref="RegistrarState"/>: every read and change runs on one loop fed by a channel, so the state
/// needs no locks. Persists each changed AOR, restores at start, and sweeps expired bindings once a second.
/// </summary>
internal sealed partial class RegistrarEngine : BackgroundService
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);

    private readonly Channel<WorkItem> _work = Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly RegistrarState _state;
    private readonly IBindingStore _store;
    private readonly CtiMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<RegistrarEngine> _logger;

    public RegistrarEngine(RegistrarState state, IBindingStore store, CtiMetrics metrics, TimeProvider time, ILogger<RegistrarEngine> logger)
    {
        _state = state;
        _store = store;
        _metrics = metrics;
        _time = time;
        _logger = logger;
    }

    public Task<RegisterResult> RegisterAsync(RegisterCommand command, CancellationToken cancellationToken) =>
        InvokeAsync(state =>
        {
            var result = state.Register(command);
            if (result.Changed)
            {
                var count = Persist(command.Aor);
                Log.BindingsChanged(_logger, command.Aor, count, command.SourceTransport, command.SourceAddress);
            }

            return result;
        }, cancellationToken);

    public Task<IReadOnlyList<RegistrarBinding>> SnapshotAsync(CancellationToken cancellationToken) =>
        InvokeAsync(state => state.All(), cancellationToken);

    public Task SetReachableAsync(string aor, string contactUri, bool reachable, CancellationToken cancellationToken) =>
        InvokeAsync(state =>
        {
            if (state.SetReachable(aor, contactUri, reachable))
            {
                _ = Persist(aor);
                Log.ReachabilityChanged(_logger, aor, reachable);
            }

            return true;
        }, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var stored = _store.LoadAll();
            _state.Restore(stored);
            Log.Restored(_logger, _state.BindingCount, _state.AorCount);

            // Rows that expired while the service was down are deleted now rather than lingering on disk.
            foreach (var aor in stored.GroupBy(b => b.Aor).Where(g => g.Count() != _state.Get(g.Key).Count).Select(g => g.Key))
            {
                _ = Persist(aor);
            }
        }
        catch (SqliteException ex)
        {
            Log.RestoreFailed(_logger, ex);
        }

        UpdateGauges();
        using var sweepTimer = _time.CreateTimer(_ => _work.Writer.TryWrite(new WorkItem(Sweep, static () => { })), null, SweepInterval, SweepInterval);
        try
        {
            await foreach (var item in _work.Reader.ReadAllAsync(stoppingToken))
            {
                item.Run(_state);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _work.Writer.TryComplete();
            while (_work.Reader.TryRead(out var pending))
            {
                pending.Cancel();
            }
        }
    }

    private Task<T> InvokeAsync<T>(Func<RegistrarState, T> work, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var item = new WorkItem(
            state =>
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    completion.TrySetCanceled(cancellationToken);
                    return;
                }

                try
                {
                    completion.TrySetResult(work(state));
                }
#pragma warning disable CA1031 // The loop must survive any single failed request; the caller gets the exception.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    completion.TrySetException(ex);
                }
            },
            () => completion.TrySetCanceled());
        if (!_work.Writer.TryWrite(item))
        {
            completion.TrySetCanceled(CancellationToken.None);
        }

        return completion.Task;
    }

    private void Sweep(RegistrarState state)
    {
        foreach (var aor in state.Sweep())
        {
            _ = Persist(aor);
            Log.BindingsExpired(_logger, aor);
        }
    }

    /// <summary>Writes the AOR's bindings and returns how many it has now.</summary>
    private int Persist(string aor)
    {
        var bindings = _state.Get(aor);
        try
        {
            _store.ReplaceAor(aor, bindings);
        }
        catch (SqliteException ex)
        {
            // The in-memory registrar stays authoritative; the next change of this AOR writes it again.
            Log.PersistFailed(_logger, aor, ex);
        }

        UpdateGauges();
        return bindings.Count;
    }

    private void UpdateGauges()
    {
        _metrics.RegistrationsActive.Set(_state.AorCount);
        _metrics.BindingsActive.Set(_state.BindingCount);
    }

    private readonly record struct WorkItem(Action<RegistrarState> Run, Action Cancel);
}
