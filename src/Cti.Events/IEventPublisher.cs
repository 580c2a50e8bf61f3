namespace Cti.Events;

/// <summary>
/// Publishes events to the durable, ordered event log. Subscribers only ever see an event after it is committed.
/// </summary>
internal interface IEventPublisher
{
    /// <summary>Enqueues the event and returns at once; never blocks. Failures are logged, not thrown.</summary>
    void Publish(CtiEvent ctiEvent);

    /// <summary>Completes once the event is committed, with its sequence number.</summary>
    Task<EventRecord> PublishAsync(CtiEvent ctiEvent, CancellationToken cancellationToken = default);
}
