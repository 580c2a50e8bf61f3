using Cti.Routing.Config;
using Cti.Routing.Engine;

namespace Cti.Acd;

/// <summary>
/// The routing configuration in force. Changes are serialised, checked (engine rules + SIP cross-check) and
/// applied through the engine loop; a rejected change leaves the last good configuration in force.
/// Changes live in memory only: at start the service reads <c>Cti:Routing</c> again.
/// </summary>
internal sealed class RoutingConfigState(AcdEngine engine, RoutingConfig initial, IReadOnlySet<string> sipExtensions) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private RoutingConfig _current = initial;

    public RoutingConfig Current => Volatile.Read(ref _current);

    public IReadOnlySet<string> SipExtensions => sipExtensions;

    /// <summary>Applies <paramref name="change"/> to the current configuration; returns every error (empty = applied).</summary>
    public async Task<IReadOnlyList<string>> ChangeAsync(Func<RoutingConfig, List<string>, RoutingConfig> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var errors = new List<string>();
            var next = change(Current, errors);
            errors.AddRange(RoutingOptionsValidator.CheckConfig(next, sipExtensions));
            if (errors.Count > 0)
            {
                return errors;
            }

            var rejected = await engine.ApplyConfigAsync(next, cancellationToken);
            if (rejected.Count == 0)
            {
                Volatile.Write(ref _current, next);
            }

            return rejected;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
