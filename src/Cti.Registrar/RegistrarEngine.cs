using System.Threading.Channels;
using Cti.Platform.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Cti.Registrar;

/// <summary>
/// Owns the <see cref="RegistrarState"/>: every read and change runs on one loop fed by a channel, so the state
/// needs no locks. Restores at start and sweeps expired bindings once a second. Changed AORs are written behind:
/// collected on the loop and written together in one SQLite transaction every <see cref="FlushInterval"/> and at
/// shutdown, so a burst of REGISTERs costs one commit per interval instead of one per request. A crash loses at most
/// one interval of changes, which phones restore with their next refresh.
/// </summary>
internal sealed partial class RegistrarEngine : BackgroundService
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(100);

    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);
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

    /// <summary>Writes every pending change now (tests, and callers that need the disk to agree).</summary>
    public Task FlushAsync(CancellationToken cancellationToken) =>
        InvokeAsync(_ =>
        {
            Flush();
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<RegistrarBinding>> SnapshotAsync(CancellationToken cancellationToken) =>
        InvokeAsync(state => state.All(), cancellationToken);

    /// <summary>The live bindings of one address-of-record, best q-value first.</summary>
    public Task<IReadOnlyList<RegistrarBinding>> LookupAsync(string aor, CancellationToken cancellationToken) =>
        InvokeAsync(state => state.Get(aor), cancellationToken);

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
        using var flushTimer = _time.CreateTimer(_ => _work.Writer.TryWrite(new WorkItem(_ => Flush(), static () => { })), null, FlushInterval, FlushInterval);
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

            // The loop has ended: this is the last writer, and nothing registered so far is lost at a clean stop.
            Flush();
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

    /// <summary>Marks the AOR for the next write and returns how many bindings it has now.</summary>
    private int Persist(string aor)
    {
        _dirty.Add(aor);
        UpdateGauges();
        return _state.Get(aor).Count;
    }

    private void Flush()
    {
        if (_dirty.Count == 0)
        {
            return;
        }

        var batch = _dirty.Select(aor => (aor, _state.Get(aor))).ToList();
        try
        {
            _store.ReplaceAors(batch);
            _dirty.Clear();
        }
        catch (SqliteException ex)
        {
            // The in-memory registrar stays authoritative; the AORs stay dirty and the next flush tries again.
            Log.PersistFailed(_logger, batch[0].aor, ex);
        }
    }

    private void UpdateGauges()
    {
        _metrics.RegistrationsActive.Set(_state.AorCount);
        _metrics.BindingsActive.Set(_state.BindingCount);
    }

    private readonly record struct WorkItem(Action<RegistrarState> Run, Action Cancel);
}
