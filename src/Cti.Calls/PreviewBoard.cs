using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Cti.Dialer.Campaigns;
using Cti.Campaigns;
using Cti.Events;
using Microsoft.Extensions.Options;

namespace Cti.Calls;

/// <summary>
/// Preview dialling: a preview request is shown to its agent (a <c>lead.preview</c> event and
/// <c>GET /api/v1/previews</c>) and placed when the agent says dial, or by itself after
/// <see cref="CallsOptions.PreviewTimeout"/> (timed preview; zero waits for the agent).
/// </summary>
internal sealed class PreviewBoard(IEventPublisher events, IOptions<CallsOptions> options, TimeProvider time) : IDisposable
{
    private readonly ConcurrentDictionary<string, Entry> _pending = new(StringComparer.Ordinal);

    /// <summary>Called with a request when it is to be placed (by the agent or the timeout).</summary>
    public Action<DialRequest, IDialOutcomeSink>? Place { get; set; }

    public void Offer(DialRequest request, IDialOutcomeSink campaign)
    {
        ArgumentNullException.ThrowIfNull(request);
        var timeout = options.Value.PreviewTimeout;
        var entry = new Entry(request, campaign, time.GetUtcNow());
        if (!_pending.TryAdd(request.CallId, entry))
        {
            return;
        }

        if (timeout > TimeSpan.Zero)
        {
            entry.Timer = time.CreateTimer(static s => { var (board, id) = ((PreviewBoard, string))s!; board.Dial(id); }, (this, request.CallId), timeout, Timeout.InfiniteTimeSpan);
        }

        events.Publish(new CtiEvent(CtiEventTypes.LeadPreview, new JsonObject
        {
            ["campaignId"] = request.CampaignId,
            ["leadId"] = request.LeadId,
            ["number"] = request.Number,
            ["attempt"] = request.Attempt,
            ["autoDialSeconds"] = timeout > TimeSpan.Zero ? timeout.TotalSeconds : null,
        })
        { CallId = request.CallId, AgentId = request.AgentId });
    }

    /// <summary>Places a pending preview; false when it is unknown or already placed.</summary>
    public bool Dial(string callId)
    {
        if (!_pending.TryRemove(callId, out var entry))
        {
            return false;
        }

        entry.Timer?.Dispose();
        Place?.Invoke(entry.Request, entry.Campaign);
        return true;
    }

    /// <summary>The pending preview under <paramref name="callId"/>, if any.</summary>
    public DialRequest? Find(string callId) => _pending.TryGetValue(callId, out var entry) ? entry.Request : null;

    public IReadOnlyList<(DialRequest Request, DateTimeOffset Since)> ForAgent(string? agentId) =>
        _pending.Values.Where(e => agentId is null || e.Request.AgentId == agentId).OrderBy(e => e.Since).Select(e => (e.Request, e.Since)).ToArray();

    public IReadOnlyList<DialRequest> ForCampaign(string campaignId) =>
        _pending.Values.Where(e => e.Request.CampaignId == campaignId).OrderBy(e => e.Since).Select(e => e.Request).ToArray();

    public void Dispose()
    {
        foreach (var entry in _pending.Values)
        {
            entry.Timer?.Dispose();
        }
    }

    private sealed class Entry(DialRequest request, IDialOutcomeSink campaign, DateTimeOffset since)
    {
        public DialRequest Request { get; } = request;

        public IDialOutcomeSink Campaign { get; } = campaign;

        public DateTimeOffset Since { get; } = since;

        public ITimer? Timer { get; set; }
    }
}
