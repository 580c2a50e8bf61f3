namespace Cti.Platform.Streaming;

/// <summary>
/// Hands every published item, in sequence order, to every live subscriber. The one overflow rule: the publisher
/// never waits on a subscriber; each subscription has a bounded buffer, and one that falls a full buffer behind is
/// ended with <see cref="FanoutSubscription{T}.Overflowed"/> set. Its reader then resumes from durable history (the
/// event log by sequence) or, for in-process consumers without history, subscribes again and reconciles; they take a
/// buffer large enough that only a stalled consumer overflows. Subscribing and publishing share one lock, so a new
/// subscriber learns exactly which sequence is the last one it will not receive live.
/// </summary>
internal sealed class Fanout<T>
{
    private readonly Lock _gate = new();
    private readonly Func<T, long> _sequenceOf;
    private FanoutSubscription<T>[] _subscriptions = [];
    private long _lastSequence;
    private bool _closed;

    public Fanout(Func<T, long> sequenceOf, long lastSequence = 0)
    {
        ArgumentNullException.ThrowIfNull(sequenceOf);
        _sequenceOf = sequenceOf;
        _lastSequence = lastSequence;
    }

    /// <summary>Sequence of the last item handed to subscribers (the starting point before the first).</summary>
    public long LastSequence
    {
        get
        {
            lock (_gate)
            {
                return _lastSequence;
            }
        }
    }

    public int SubscriberCount
    {
        get
        {
            lock (_gate)
            {
                return _subscriptions.Length;
            }
        }
    }

    /// <summary>A new subscriber with room for <paramref name="capacity"/> undelivered items.</summary>
    public FanoutSubscription<T> Subscribe(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        lock (_gate)
        {
            var subscription = new FanoutSubscription<T>(this, capacity, _lastSequence);
            if (_closed)
            {
                subscription.End();
            }
            else
            {
                _subscriptions = [.. _subscriptions, subscription];
            }

            return subscription;
        }
    }

    /// <summary>Publishes one item; call in sequence order from one producer at a time.</summary>
    public void Publish(T item)
    {
        lock (_gate)
        {
            Deliver(item);
        }
    }

    /// <summary>Publishes a batch in order under one lock.</summary>
    public void Publish(IReadOnlyList<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            foreach (var item in items)
            {
                Deliver(item);
            }
        }
    }

    /// <summary>Ends every subscription (the producer stopped); later subscribers end at once.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            foreach (var subscription in _subscriptions)
            {
                subscription.End();
            }

            _subscriptions = [];
        }
    }

    internal void Unsubscribe(FanoutSubscription<T> subscription)
    {
        lock (_gate)
        {
            Remove(subscription);
        }
    }

    private void Deliver(T item)
    {
        foreach (var subscription in _subscriptions)
        {
            if (!subscription.TryDeliver(item))
            {
                subscription.EndOverflowed();
                Remove(subscription);
            }
        }

        _lastSequence = _sequenceOf(item);
    }

    private void Remove(FanoutSubscription<T> subscription) =>
        _subscriptions = [.. _subscriptions.Where(s => !ReferenceEquals(s, subscription))];
}
