using Prometheus;

namespace Cti.Campaigns;

/// <summary>
/// Prometheus instruments of the dialer. Labels are bounded: campaign ids (validated, configured by operators),
/// compliance policy names, the two abandon windows and formulas.
/// </summary>
internal sealed class DialerMetrics
{
    private readonly Counter _placed;
    private readonly Counter _answered;
    private readonly Counter _abandoned;
    private readonly Counter _firstDials;
    private readonly Counter _blocks;
    private readonly Gauge _abandonRate;
    private readonly Gauge _dialLevel;
    private readonly Gauge _agentsFree;
    private readonly Gauge _leadsRemaining;

    public DialerMetrics(IMetricFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _placed = factory.CreateCounter("cti_dialer_calls_placed_total", "Dial requests a campaign issued.", ["campaign"]);
        _answered = factory.CreateCounter("cti_dialer_calls_answered_total", "Calls answered by a person (abandoned included).", ["campaign"]);
        _abandoned = factory.CreateCounter("cti_dialer_calls_abandoned_total", "Live-answered calls that got no agent in time.", ["campaign"]);
        _firstDials = factory.CreateCounter("cti_dialer_first_dials_total", "First attempts at a lead.", ["campaign"]);
        _blocks = factory.CreateCounter("cti_dialer_blocks_total", "Dials refused by a compliance policy.", ["campaign", "policy"]);
        _abandonRate = factory.CreateGauge("cti_dialer_abandon_rate_ratio", "Abandon rate by window and formula.", ["campaign", "window", "formula"]);
        _dialLevel = factory.CreateGauge("cti_dialer_dial_level", "Calls in progress per logged-in agent.", ["campaign"]);
        _agentsFree = factory.CreateGauge("cti_dialer_agents_free", "Agents free for an outbound call.", ["campaign"]);
        _leadsRemaining = factory.CreateGauge("cti_dialer_leads_remaining", "Leads still to be dialled (due or scheduled).", ["campaign"]);
    }

    public void Placed(string campaign, bool firstAttempt)
    {
        _placed.WithLabels(campaign).Inc();
        if (firstAttempt)
        {
            _firstDials.WithLabels(campaign).Inc();
        }
    }

    public void Answered(string campaign, long count) => _answered.WithLabels(campaign).Inc(count);

    public void Abandoned(string campaign, long count) => _abandoned.WithLabels(campaign).Inc(count);

    public void Blocked(string campaign, string policy, long count) => _blocks.WithLabels(campaign, policy).Inc(count);

    public void SetStatus(CampaignLiveStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var c = status.Id;
        _abandonRate.WithLabels(c, "24h", "tsr").Set(status.AbandonRates.Tsr24Hours);
        _abandonRate.WithLabels(c, "30d", "tsr").Set(status.AbandonRates.Tsr30Days);
        _abandonRate.WithLabels(c, "24h", "ofcom").Set(status.AbandonRates.Ofcom24Hours);
        _abandonRate.WithLabels(c, "30d", "ofcom").Set(status.AbandonRates.Ofcom30Days);
        _dialLevel.WithLabels(c).Set(status.DialLevel);
        _agentsFree.WithLabels(c).Set(status.AgentsFree);
        _leadsRemaining.WithLabels(c).Set(status.LeadsLeft);

        // Touch the counters so a new campaign shows zeros rather than missing series.
        _placed.WithLabels(c);
        _firstDials.WithLabels(c);
        _answered.WithLabels(c);
        _abandoned.WithLabels(c);
    }

    /// <summary>Drops a deleted campaign's series so the label set stays bounded.</summary>
    public void Remove(string campaign)
    {
        foreach (var counter in new[] { _placed, _answered, _abandoned, _firstDials, _blocks })
        {
            RemoveSeries(counter, campaign);
        }

        foreach (var gauge in new[] { _abandonRate, _dialLevel, _agentsFree, _leadsRemaining })
        {
            RemoveSeries(gauge, campaign);
        }
    }

    public double PlacedCount(string campaign) => _placed.WithLabels(campaign).Value;

    public double BlockCount(string campaign, string policy) => _blocks.WithLabels(campaign, policy).Value;

    private static void RemoveSeries<TChild>(Collector<TChild> collector, string campaign)
        where TChild : ChildBase
    {
        foreach (var labels in collector.GetAllLabelValues().Where(l => l.Length > 0 && l[0] == campaign).ToArray())
        {
            collector.RemoveLabelled(labels);
        }
    }
}
