using Cti.Events;

namespace Cti.Cdrs;

/// <summary>Writes call detail records together with the call's final events.</summary>
internal interface ICdrWriter
{
    /// <summary>
    /// Commits <paramref name="cdr"/> and <paramref name="finalEvents"/> (e.g. call.ended, cdr.written) in one
    /// transaction through the event log's single writer: either both are stored and the events published, or
    /// neither (the task faults). Returns the numbered events.
    /// </summary>
    Task<IReadOnlyList<EventRecord>> WriteAsync(Cdr cdr, IReadOnlyList<CtiEvent> finalEvents, CancellationToken cancellationToken = default);
}
