namespace Cti.Events.Sinks;

/// <summary>
/// A consumer of the event log beyond SSE clients: a webhook, a message broker, another site. Register one with
/// <c>services.AddEventSink&lt;T&gt;()</c>; an <see cref="EventSinkRunner"/> then hands it every committed event in
/// sequence order, at least once: first what it missed (from the durable log, after its checkpoint), then live.
/// </summary>
internal interface IEventSink
{
    /// <summary>A short name for logs and metrics (<c>webhook-crm</c>, <c>nats</c>).</summary>
    string Name { get; }

    /// <summary>
    /// The last sequence this sink has durably acknowledged: delivery resumes after it. A sink that keeps no
    /// checkpoint returns the log's current end to receive only new events.
    /// </summary>
    ValueTask<long> GetCheckpointAsync(long logEnd, CancellationToken cancellationToken);

    /// <summary>
    /// Delivers a batch, in order. Return once the consumer has it (and the checkpoint moved past it); throw to
    /// have the same batch offered again after a back-off. Consumers must therefore tolerate duplicates.
    /// </summary>
    ValueTask DeliverAsync(IReadOnlyList<EventRecord> batch, CancellationToken cancellationToken);
}
