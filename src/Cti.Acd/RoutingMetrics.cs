using Cti.Routing.Agents;
using Cti.Routing.Statistics;
using Prometheus;

namespace Cti.Acd;

/// <summary>
/// Prometheus instruments of the ACD, set from a <see cref="RoutingSnapshot"/> just before each scrape.
/// Counters follow the engine's cumulative counters with IncTo, so they stay monotonic; histograms receive the
/// per-bucket growth of the engine's histograms since the previous scrape. Labels: queue and state only.
/// </summary>
internal sealed class RoutingMetrics
{
    private readonly Gauge _waiting;
    private readonly Gauge _longestWait;
    private readonly Gauge _estimatedWait;
    private readonly Gauge _agents;
    private readonly Gauge _agentsWorking;
    private readonly Gauge _queueAgents;
    private readonly Counter _offered;
    private readonly Counter _answered;
    private readonly Counter _abandoned;
    private readonly Counter _shortAbandoned;
    private readonly Counter _timedOut;
    private readonly Counter _overflowed;
    private readonly Gauge _serviceLevel;
    private readonly Gauge _asa;
    private readonly Gauge _aht;
    private readonly Gauge _occupancy;
    private readonly Gauge _freeForOutbound;
    private readonly Histogram _waitSeconds;
    private readonly Histogram _handleSeconds;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, HistogramSnapshot> _lastWait = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HistogramSnapshot> _lastHandle = new(StringComparer.Ordinal);

    /// <summary>The engine's histogram bounds; equal bounds keep exported bucket counts exact.</summary>
    public static readonly double[] BucketsSeconds = [5, 10, 20, 30, 60, 120, 300, 600, 1800];

    public RoutingMetrics(IMetricFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _waiting = factory.CreateGauge("cti_acd_waiting_calls", "Calls in the queue (waiting, held for a last agent, or ringing).", ["queue"]);
        _longestWait = factory.CreateGauge("cti_acd_longest_wait_seconds", "Wait of the longest-waiting call in the queue.", ["queue"]);
        _estimatedWait = factory.CreateGauge("cti_acd_estimated_wait_seconds", "Estimated wait of a call joining the queue now.", ["queue"]);
        _agents = factory.CreateGauge("cti_acd_agents", "Configured agents by availability (logged_out, ready, not_ready).", ["state"]);
        _agentsWorking = factory.CreateGauge("cti_acd_agents_working", "Logged-in agents by work state.", ["state"]);
        _queueAgents = factory.CreateGauge("cti_acd_queue_agents", "Members of the queue that are logged in or ready.", ["queue", "state"]);
        _offered = factory.CreateCounter("cti_acd_calls_offered_total", "Calls that entered the queue.", ["queue"]);
        _answered = factory.CreateCounter("cti_acd_calls_answered_total", "Calls answered by an agent of the queue.", ["queue"]);
        _abandoned = factory.CreateCounter("cti_acd_calls_abandoned_total", "Callers who hung up while waiting or ringing, short abandons excluded.", ["queue"]);
        _shortAbandoned = factory.CreateCounter("cti_acd_calls_short_abandoned_total", "Callers who hung up within the short-abandon threshold.", ["queue"]);
        _timedOut = factory.CreateCounter("cti_acd_calls_timed_out_total", "Calls that left the queue at its maximum wait.", ["queue"]);
        _overflowed = factory.CreateCounter("cti_acd_calls_overflowed_total", "Calls that left the queue for an overflow target.", ["queue"]);
        _serviceLevel = factory.CreateGauge("cti_acd_service_level_ratio", "Answered within the threshold ÷ answered (formula: answered).", ["queue", "formula"]);
        _asa = factory.CreateGauge("cti_acd_asa_seconds", "Average speed of answer.", ["queue"]);
        _aht = factory.CreateGauge("cti_acd_aht_seconds", "Average handle time (talk + hold + wrap-up).", ["queue"]);
        _occupancy = factory.CreateGauge("cti_acd_occupancy_ratio", "Mean occupancy of the logged-in agents.");
        _freeForOutbound = factory.CreateGauge("cti_acd_agents_free_for_outbound", "Ready idle agents the dialer may reserve.");
        _waitSeconds = factory.CreateHistogram("cti_acd_wait_seconds", "Time answered calls waited in the queue.", ["queue"], new HistogramConfiguration { Buckets = BucketsSeconds });
        _handleSeconds = factory.CreateHistogram("cti_acd_handle_seconds", "Handle time of finished calls.", ["queue"], new HistogramConfiguration { Buckets = BucketsSeconds });
    }

    public static string Label(AgentAvailability availability) => availability switch
    {
        AgentAvailability.Ready => "ready",
        AgentAvailability.NotReady => "not_ready",
        _ => "logged_out",
    };

    public static string Label(AgentWorkState work) => work switch
    {
        AgentWorkState.Reserved => "reserved",
        AgentWorkState.OnCallInbound => "on_call_inbound",
        AgentWorkState.OnCallOutbound => "on_call_outbound",
        AgentWorkState.OnHold => "on_hold",
        AgentWorkState.WrapUp => "wrap_up",
        _ => "idle",
    };

    /// <summary>Mean occupancy of the agents logged in now; 0 when nobody is.</summary>
    public static double MeanOccupancy(IEnumerable<AgentSnapshot> agents)
    {
        var loggedIn = agents.Where(a => a.Availability != AgentAvailability.LoggedOut).ToList();
        return loggedIn.Count == 0 ? 0 : loggedIn.Average(a => a.Occupancy);
    }

    public void Update(RoutingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_lock)
        {
            foreach (var queue in snapshot.Queues)
            {
                UpdateQueue(queue);
            }

            foreach (var availability in Enum.GetValues<AgentAvailability>())
            {
                _agents.WithLabels(Label(availability)).Set(snapshot.Agents.Count(a => a.Availability == availability));
            }

            foreach (var work in Enum.GetValues<AgentWorkState>())
            {
                _agentsWorking.WithLabels(Label(work)).Set(snapshot.Agents.Count(a => a.Availability != AgentAvailability.LoggedOut && a.Work == work));
            }

            _occupancy.Set(MeanOccupancy(snapshot.Agents));
            _freeForOutbound.Set(snapshot.AgentsFreeForOutbound);
        }
    }

    private void UpdateQueue(QueueSnapshot queue)
    {
        var id = queue.QueueId;
        _waiting.WithLabels(id).Set(queue.Waiting);
        _longestWait.WithLabels(id).Set(queue.LongestWait.TotalSeconds);
        _estimatedWait.WithLabels(id).Set(queue.EstimatedWait.TotalSeconds);
        _queueAgents.WithLabels(id, "logged_in").Set(queue.AgentsLoggedIn);
        _queueAgents.WithLabels(id, "ready").Set(queue.AgentsReady);

        // IncTo never lowers a counter: if a queue is removed and re-created its counters resume from the old value.
        _offered.WithLabels(id).IncTo(queue.Offered);
        _answered.WithLabels(id).IncTo(queue.Answered);
        _abandoned.WithLabels(id).IncTo(queue.Abandoned);
        _shortAbandoned.WithLabels(id).IncTo(queue.ShortAbandoned);
        _timedOut.WithLabels(id).IncTo(queue.TimedOut);
        _overflowed.WithLabels(id).IncTo(queue.Overflowed);
        _serviceLevel.WithLabels(id, "answered").Set(queue.ServiceLevel);
        _serviceLevel.WithLabels(id, "offered").Set(queue.ServiceLevelOfOffered);
        _asa.WithLabels(id).Set(queue.AverageSpeedOfAnswer.TotalSeconds);
        _aht.WithLabels(id).Set(queue.AverageHandleTime.TotalSeconds);
        ObserveGrowth(_waitSeconds.WithLabels(id), _lastWait, id, queue.WaitTime);
        ObserveGrowth(_handleSeconds.WithLabels(id), _lastHandle, id, queue.HandleTime);
    }

    /// <summary>
    /// Adds the growth of each engine bucket since the last scrape. Finite buckets are observed at their upper bound
    /// (same bounds, so bucket counts are exact); the +Inf bucket takes the rest of the sum, so _sum is exact whenever
    /// it has observations and otherwise rounds durations up to their bucket bound.
    /// </summary>
    private static void ObserveGrowth(Histogram.Child histogram, Dictionary<string, HistogramSnapshot> last, string queue, HistogramSnapshot now)
    {
        var previous = last.GetValueOrDefault(queue);
        if (previous is not null && (previous.Count > now.Count || previous.Counts.Count != now.Counts.Count))
        {
            previous = null; // The engine's histogram was reset (queue replaced): start again from its current content.
        }

        last[queue] = now;
        var finiteSum = 0.0;
        for (var i = 0; i < now.UpperBoundsSeconds.Count; i++)
        {
            var delta = now.Counts[i] - (previous?.Counts[i] ?? 0);
            if (delta > 0)
            {
                histogram.Observe(now.UpperBoundsSeconds[i], delta);
                finiteSum += now.UpperBoundsSeconds[i] * delta;
            }
        }

        var infinite = now.Counts[^1] - (previous?.Counts[^1] ?? 0);
        if (infinite > 0)
        {
            var top = now.UpperBoundsSeconds.Count > 0 ? now.UpperBoundsSeconds[^1] : 0;
            var sumDelta = now.SumSeconds - (previous?.SumSeconds ?? 0);
            var each = Math.Max(Math.BitIncrement(top), (sumDelta - finiteSum) / infinite);
            histogram.Observe(each, infinite);
        }
    }
}
