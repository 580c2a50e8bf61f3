using Cti.Dialer.Campaigns;

namespace Cti.Campaigns;

/// <summary>
/// A sink for a dialer without call control (tests of the dialer alone): requests stay pending (and their leads stay in
/// "dialing") and are shown in the campaign's live status. Bounded per campaign; the oldest are dropped first.
/// </summary>
internal sealed class PendingDialRequestSink : IDialRequestSink
{
    public const int MaxPendingPerCampaign = 1000;

    private readonly Dictionary<string, Queue<DialRequest>> _pending = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public string Name => "pending";

    public void Accept(DialRequest request, IDialOutcomeSink campaign)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            if (!_pending.TryGetValue(request.CampaignId, out var queue))
            {
                queue = new Queue<DialRequest>();
                _pending[request.CampaignId] = queue;
            }

            queue.Enqueue(request);
            while (queue.Count > MaxPendingPerCampaign)
            {
                queue.Dequeue();
            }
        }
    }

    public IReadOnlyList<DialRequest> Pending(string campaignId)
    {
        lock (_gate)
        {
            return _pending.TryGetValue(campaignId, out var queue) ? queue.ToArray() : [];
        }
    }
}
