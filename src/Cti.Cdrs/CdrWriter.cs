using Cti.Events;

namespace Cti.Cdrs;

internal sealed class CdrWriter : ICdrWriter
{
    private readonly EventWriter _events;
    private readonly CdrMetrics _metrics;

    public CdrWriter(EventWriter events, CdrMetrics metrics)
    {
        _events = events;
        _metrics = metrics;
    }

    public async Task<IReadOnlyList<EventRecord>> WriteAsync(Cdr cdr, IReadOnlyList<CtiEvent> finalEvents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cdr);
        ArgumentNullException.ThrowIfNull(finalEvents);
        var problems = cdr.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid CDR: " + string.Join(" ", problems), nameof(cdr));
        }

        var records = await _events.SubmitAsync(finalEvents, (connection, transaction) => SqliteCdrStore.Insert(connection, transaction, cdr), cancellationToken);
        _metrics.Written(cdr);
        return records;
    }
}
