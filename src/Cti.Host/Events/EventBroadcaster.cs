namespace Cti.Host.Events;

/// <summary>
/// Fans committed events out to live subscribers. Subscribing and publishing share one lock so that a new
/// subscriber learns exactly which sequence number is the last one it will not receive live.
/// </summary>
internal sealed class EventBroadcaster
{
    private readonly Lock _gate = new();
    private readonly List<EventSubscription> _subscriptions = [];
    private long _lastSeq;
    private bool _closed;

    public EventBroadcaster(long lastCommittedSeq) => _lastSeq = lastCommittedSeq;

    public long LastPublishedSeq
    {
        get
        {
            lock (_gate)
            {
                return _lastSeq;
            }
        }
    }

    public int SubscriberCount
    {
        get
        {
            lock (_gate)
            {
                return _subscriptions.Count;
            }
        }
    }

    public EventSubscription Subscribe(int capacity)
    {
        lock (_gate)
        {
            var subscription = new EventSubscription(this, capacity, _lastSeq);
            if (_closed)
            {
                subscription.End();
            }
            else
            {
                _subscriptions.Add(subscription);
            }

            return subscription;
        }
    }

    /// <summary>Called by the writer after commit, in sequence order. Never blocks on a subscriber.</summary>
    public void Publish(IReadOnlyList<EventRecord> records)
    {
        if (records.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            for (var i = _subscriptions.Count - 1; i >= 0; i--)
            {
                var subscription = _subscriptions[i];
                foreach (var record in records)
                {
                    if (!subscription.TryDeliver(record))
                    {
                        subscription.EndOverflowed();
                        _subscriptions.RemoveAt(i);
                        break;
                    }
                }
            }

            _lastSeq = records[^1].Seq;
        }
    }

    /// <summary>Ends every live stream (service stopping).</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            foreach (var subscription in _subscriptions)
            {
                subscription.End();
            }

            _subscriptions.Clear();
        }
    }

    internal void Unsubscribe(EventSubscription subscription)
    {
        lock (_gate)
        {
            _subscriptions.Remove(subscription);
        }
    }
}
