using Cti.Dialer.Pacing;

namespace Cti.Dialer.Simulation.Baselines;

/// <summary>
/// The predictive pacer as it was before the abandon-budget controller, kept only as a baseline for the simulation table:
/// a fixed abandon price, a share of the cap as target and a block-wise calibration instead of a feedback controller.
/// Model-based predictive pacer. The look-ahead horizon (a high quantile of live ring times) is cut into slots as long
/// as the abandon grace (2 s). For every slot it computes, from the call history and the current snapshot,
/// <list type="bullet">
/// <item>the distribution of agents freeing up: a Poisson-binomial over busy agents, each with the probability that its
/// talk + wrap-up ends in that slot given the time already spent;</item>
/// <item>the distribution of live answers: a Poisson-binomial over calls ringing, each with the probability of a live
/// answer in that slot given its age, convolved with a binomial over the N new calls.</item>
/// </list>
/// The distribution of idle agents is carried from slot to slot; an answer that finds no agent in its slot is an
/// abandon, an agent left over at the end of a slot is idle. The pacer places the largest N whose expected abandons stay
/// within the allowed share of expected answers (set by the cap and the running abandon budget) and whose last call
/// buys enough idle time for the abandons it adds (the abandon price, lowered as the budget runs short).
/// It never places fewer calls than the progressive pacer.
/// </summary>
public sealed class PreviousPredictivePacer : IPacer
{
    private const int MaxSlots = 16;
    private const double Negligible = 1e-12;

    private readonly double[][] _freePmf = new double[MaxSlots][];
    private readonly int[] _freeLength = new int[MaxSlots];
    private readonly double[][] _ringingPmf = new double[MaxSlots][];
    private readonly int[] _ringingLength = new int[MaxSlots];
    private readonly double[] _newCallProbability = new double[MaxSlots];
    private readonly double[] _idleWeight = new double[MaxSlots];
    private double[] _probabilities = new double[64];
    private double[] _binomial = new double[64];
    private double[] _answers = new double[64];
    private double[] _net = new double[128];
    private double[] _idle = new double[128];
    private double[] _nextIdle = new double[128];
    private long _blockLive = -1;
    private long _blockAbandoned;

    public PreviousPredictivePacer()
    {
        for (var k = 0; k < MaxSlots; k++)
        {
            _freePmf[k] = new double[32];
            _ringingPmf[k] = new double[32];
        }
    }

    /// <summary>The name the simulator knows this baseline by.</summary>
    public const string PacerName = "predictive-previous";

    public string Name => PacerName;

    /// <summary>Share of the cap aimed at on average, leaving headroom for model error.</summary>
    public double TargetFraction { get; init; } = 0.9;

    /// <summary>Share of the cap at which only progressive (abandon-free) calls are placed until the rate falls back.</summary>
    public double HardStopFraction { get; init; } = 0.9;

    /// <summary>
    /// Abandons kept in reserve under the stop line for bursts from calls already ringing (answers cluster by chance);
    /// it matters for small teams and short windows, and is negligible once thousands of calls are counted.
    /// </summary>
    public int BurstReserve { get; init; } = 3;

    /// <summary>How long an answered callee may wait for an agent (the abandon rule's 2 s); also the slot length.</summary>
    public TimeSpan AgentWaitGrace { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Live-ring-time quantile that sets the look-ahead horizon.</summary>
    public double HorizonQuantile { get; init; } = 0.9;

    /// <summary>
    /// Largest acceptable ratio of the last call's extra expected abandons to its extra expected answers: a ceiling on top
    /// of the abandon price, so no call is placed that mostly abandons however much idle time it would fill.
    /// </summary>
    public double MaxMarginalAbandon { get; init; } = 0.2;

    /// <summary>
    /// The price of an abandon: the last call may add at most this many expected abandons per agent-second of idle time
    /// it removes (idle that a call on the next decision could still cover does not count). A large team has little idle
    /// left to remove, so it stops earlier than a small one at the same price and buys its talk time with fewer abandons.
    /// </summary>
    public double MaxAbandonsPerIdleSecond { get; init; } = 0.02;

    /// <summary>Share of the abandon budget (below the stop line) under which the abandon price starts to fall towards zero.</summary>
    public double PriceHeadroomFraction { get; init; } = 0.3;

    /// <summary>Time between pacing decisions (the engine ticks once a second).</summary>
    public TimeSpan DecisionInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound on calls outstanding per logged-in agent.</summary>
    public double MaxCallsPerAgent { get; init; } = 10;

    /// <summary>Upper bound on new calls per decision, per logged-in agent.</summary>
    public double MaxCallsPerDecisionPerAgent { get; init; } = 0.4;

    /// <summary>Live answers per calibration step.</summary>
    public int CalibrationBlock { get; init; } = 100;

    /// <summary>
    /// Learnt correction between the model's expected abandon share and the realised one. The model is myopic (it cannot
    /// see the calls it will place on later ticks, which compete for the same agents), so it is corrected online from
    /// the realised rate over blocks of live answers.
    /// </summary>
    public double Calibration { get; private set; } = 1.0;

    /// <summary>
    /// Multiplier on <see cref="MaxAbandonsPerIdleSecond"/> from the running budget: 1 with ample headroom under the stop
    /// line, falling linearly to 0 over the last <see cref="PriceHeadroomFraction"/> of it.
    /// </summary>
    public double AbandonPriceFactor { get; private set; } = 1;

    /// <summary>The expected abandon share of the last model-based decision (diagnostics).</summary>
    public double LastExpectedAbandonShare { get; private set; }

    public int CallsToPlace(PacingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.LoggedInAgents == 0)
        {
            return 0;
        }

        var floor = Math.Max(0, snapshot.FreeAgents - snapshot.DialingCallAges.Count - snapshot.AnsweredWaiting);
        var history = snapshot.History;

        // Early completed calls are the short ones; wait until the service history covers the agents to avoid that bias.
        if (history is null || !history.IsWarm || history.ServiceCount < Math.Min(history.ServiceWindow / 2, 2 * snapshot.LoggedInAgents))
        {
            return floor;
        }

        var allowed = AllowedShare(snapshot);
        var limit = Math.Max(0, (int)(MaxCallsPerAgent * snapshot.LoggedInAgents) - snapshot.DialingCallAges.Count);

        // Spread placements over ticks: a large batch placed at once (e.g. after a pause) carries binomial burst risk that
        // later decisions cannot correct, whereas smaller batches let the next tick see the first answers.
        limit = Math.Min(limit, Math.Max(1, (int)Math.Ceiling(MaxCallsPerDecisionPerAgent * snapshot.LoggedInAgents)));
        return Math.Max(floor, MaxCalls(snapshot, history, allowed, limit));
    }

    /// <summary>
    /// The abandon share allowed for this decision: the calibrated target share, scaled by the running abandon budget
    /// (up to 1.5 times when under budget, down to zero when over) and zero when the burst reserve would pass the hard stop.
    /// Also sets <see cref="AbandonPriceFactor"/> from the same running counts.
    /// </summary>
    public double AllowedShare(PacingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var target = snapshot.AbandonCap * TargetFraction;
        var live = snapshot.LiveAnswered;
        Recalibrate(live, snapshot.Abandoned, target);
        if (snapshot.Abandoned + BurstReserve > snapshot.AbandonCap * HardStopFraction * live)
        {
            AbandonPriceFactor = 0;
            return 0;
        }

        var budget = (target * live) - snapshot.Abandoned;
        var factor = Math.Clamp(1 + (budget / ((target * live) + 3)), 0, 1.5);

        // The abandon price falls smoothly to zero as the running count nears the stop line, instead of a cliff at it.
        var stop = snapshot.AbandonCap * HardStopFraction * live;
        var headroom = stop <= 0 ? 0 : (stop - snapshot.Abandoned - BurstReserve) / stop;
        AbandonPriceFactor = Math.Clamp(headroom / PriceHeadroomFraction, 0, 1);
        return target * Calibration * factor;
    }

    private void Recalibrate(long live, long abandoned, double target)
    {
        if (_blockLive < 0 || live < _blockLive)
        {
            (_blockLive, _blockAbandoned) = (live, abandoned);
            return;
        }

        var deltaLive = live - _blockLive;
        if (deltaLive < CalibrationBlock)
        {
            return;
        }

        var rate = (double)(abandoned - _blockAbandoned) / deltaLive;
        var step = Math.Sqrt(target / Math.Max(rate, target / 3));
        Calibration = Math.Clamp(Calibration * Math.Clamp(step, 0.6, 1.6), 0.02, 2);
        (_blockLive, _blockAbandoned) = (live, abandoned);
    }

    private int MaxCalls(PacingSnapshot snapshot, CallHistoryModel history, double allowed, int limit)
    {
        var slot = AgentWaitGrace;
        var slots = Math.Clamp((int)Math.Ceiling(history.LiveRingQuantile(HorizonQuantile) / slot), 1, MaxSlots);

        // Per-slot Poisson-binomials, computed once per decision: agents freeing up and answers from calls ringing.
        for (var k = 0; k < slots; k++)
        {
            var start = slot * k;
            var end = slot * (k + 1);
            var busy = snapshot.BusyAgentElapsed;
            Ensure(ref _probabilities, busy.Count);
            for (var j = 0; j < busy.Count; j++)
            {
                _probabilities[j] = history.ServiceEndsWithin(busy[j], end) - (k == 0 ? 0 : history.ServiceEndsWithin(busy[j], start));
            }

            _freeLength[k] = TruncatedPoissonBinomial(_probabilities.AsSpan(0, busy.Count), ref _freePmf[k]);

            var ringing = snapshot.DialingCallAges;
            Ensure(ref _probabilities, ringing.Count);
            for (var j = 0; j < ringing.Count; j++)
            {
                _probabilities[j] = history.LiveAnswerWithin(ringing[j], end) - (k == 0 ? 0 : history.LiveAnswerWithin(ringing[j], start));
            }

            _ringingLength[k] = TruncatedPoissonBinomial(_probabilities.AsSpan(0, ringing.Count), ref _ringingPmf[k]);
            _newCallProbability[k] = history.LiveAnswerWithin(TimeSpan.Zero, end) - (k == 0 ? 0 : history.LiveAnswerWithin(TimeSpan.Zero, start));

            // Idle time in this slot is worth a call now only as far as a call placed on the next decision could not
            // be answered in time to cover it: the share of live ring times longer than the slot end minus one interval.
            var deferred = end - DecisionInterval;
            _idleWeight[k] = deferred <= TimeSpan.Zero
                ? 1
                : Math.Clamp(1 - (history.LiveAnswerWithin(TimeSpan.Zero, deferred) / Math.Max(1e-9, history.LiveAnswerProbability)), 0, 1);
        }

        if (!Acceptable(snapshot, slots, 0, allowed))
        {
            LastExpectedAbandonShare = Share(snapshot, slots, 0);
            return 0;
        }

        // Both expected abandons and the marginal abandon grow with N: double, then bisect.
        int low = 0, high = 1;
        while (high <= limit && Acceptable(snapshot, slots, high, allowed))
        {
            low = high;
            high *= 2;
        }

        high = Math.Min(high, limit + 1);
        while (high - low > 1)
        {
            var mid = (low + high) / 2;
            if (Acceptable(snapshot, slots, mid, allowed))
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        LastExpectedAbandonShare = Share(snapshot, slots, low);
        return low;
    }

    private bool Acceptable(PacingSnapshot snapshot, int slots, int newCalls, double allowed)
    {
        var (abandons, answers, idle) = Expected(snapshot, slots, newCalls);
        if (answers > Negligible && abandons / answers > allowed)
        {
            return false;
        }

        // Running budget including the calls in flight: a burst reserve on top of the expected abandons must stay under the stop line.
        var stopLine = snapshot.AbandonCap * HardStopFraction * (snapshot.LiveAnswered + answers);
        if (newCalls > 0 && snapshot.Abandoned + (abandons / Calibration) + BurstReserve > stopLine)
        {
            return false;
        }

        if (newCalls == 0)
        {
            return true;
        }

        var (abandonsBefore, answersBefore, idleBefore) = Expected(snapshot, slots, newCalls - 1);
        var addedAnswers = answers - answersBefore;
        var addedAbandons = abandons - abandonsBefore;
        if (addedAnswers > Negligible && addedAbandons / addedAnswers > MaxMarginalAbandon)
        {
            return false;
        }

        return addedAbandons <= Negligible || addedAbandons <= MaxAbandonsPerIdleSecond * AbandonPriceFactor * (idleBefore - idle);
    }

    private double Share(PacingSnapshot snapshot, int slots, int newCalls)
    {
        var (abandons, answers, _) = Expected(snapshot, slots, newCalls);
        return answers <= Negligible ? 0 : abandons / answers;
    }

    /// <summary>
    /// Expected abandons, live answers and weighted idle agent-seconds over the horizon if <paramref name="newCalls"/>
    /// calls are placed now.
    /// </summary>
    private (double Abandons, double Answers, double IdleSeconds) Expected(PacingSnapshot snapshot, int slots, int newCalls)
    {
        // Callees already waiting take free agents first; those beyond the free agents are likely lost.
        var waiting = snapshot.AnsweredWaiting;
        var idleLength = Math.Max(0, snapshot.FreeAgents - waiting) + 1;
        Ensure(ref _idle, idleLength);
        Array.Clear(_idle, 0, idleLength);
        _idle[idleLength - 1] = 1.0;
        double abandons = Math.Max(0, waiting - snapshot.FreeAgents) * 0.5;
        double answers = waiting;
        double idleSlots = 0;

        for (var k = 0; k < slots; k++)
        {
            // Answers in slot k: calls ringing (Poisson-binomial) + new calls (binomial).
            var binomialLength = TruncatedBinomial(newCalls, _newCallProbability[k], ref _binomial);
            var answerLength = _ringingLength[k] + binomialLength - 1;
            Ensure(ref _answers, answerLength);
            Array.Clear(_answers, 0, answerLength);
            var ringing = _ringingPmf[k];
            for (var i = 0; i < _ringingLength[k]; i++)
            {
                for (var j = 0; j < binomialLength; j++)
                {
                    _answers[i + j] += ringing[i] * _binomial[j];
                }
            }

            for (var a = 1; a < answerLength; a++)
            {
                answers += a * _answers[a];
            }

            // net = frees − answers, stored with offset answerLength − 1.
            var frees = _freePmf[k];
            var freeLength = _freeLength[k];
            var offset = answerLength - 1;
            var netLength = freeLength + answerLength - 1;
            Ensure(ref _net, netLength);
            Array.Clear(_net, 0, netLength);
            for (var f = 0; f < freeLength; f++)
            {
                for (var a = 0; a < answerLength; a++)
                {
                    _net[f - a + offset] += frees[f] * _answers[a];
                }
            }

            var nextLength = idleLength + freeLength;
            Ensure(ref _nextIdle, nextLength);
            Array.Clear(_nextIdle, 0, nextLength);
            for (var x = 0; x < idleLength; x++)
            {
                var px = _idle[x];
                if (px < Negligible)
                {
                    continue;
                }

                for (var d = 0; d < netLength; d++)
                {
                    var p = px * _net[d];
                    var y = x + d - offset;
                    if (y >= 0)
                    {
                        _nextIdle[y] += p;
                    }
                    else
                    {
                        _nextIdle[0] += p;
                        abandons += -y * p;
                    }
                }
            }

            while (nextLength > 1 && _nextIdle[nextLength - 1] < Negligible)
            {
                nextLength--;
            }

            Ensure(ref _idle, nextLength);
            Array.Copy(_nextIdle, _idle, nextLength);
            idleLength = nextLength;
            for (var x = 1; x < idleLength; x++)
            {
                idleSlots += x * _idle[x] * _idleWeight[k];
            }
        }

        return (abandons, answers, idleSlots * AgentWaitGrace.TotalSeconds);
    }

    /// <summary>Exact Poisson-binomial, cut where the upper tail is negligible (slot probabilities are small).</summary>
    private static int TruncatedPoissonBinomial(ReadOnlySpan<double> probabilities, ref double[] result)
    {
        double mean = 0, variance = 0;
        foreach (var p in probabilities)
        {
            mean += p;
            variance += p * (1 - p);
        }

        var cap = Math.Min(probabilities.Length + 1, (int)Math.Ceiling(mean + (8 * Math.Sqrt(variance)) + 8));
        Ensure(ref result, cap + 1);
        return PoissonBinomial.Distribution(probabilities, result, cap);
    }

    private static int TruncatedBinomial(int n, double p, ref double[] result)
    {
        Ensure(ref result, 2);
        if (n == 0 || p <= 0)
        {
            result[0] = 1;
            return 1;
        }

        var mean = n * p;
        var cap = Math.Min(n + 1, (int)Math.Ceiling(mean + (8 * Math.Sqrt(mean * (1 - p))) + 8));
        Ensure(ref result, cap);
        var value = Math.Pow(1 - p, n);
        var ratio = p / (1 - p);
        for (var j = 0; j < cap; j++)
        {
            result[j] = value;
            value *= (n - j) / (j + 1.0) * ratio;
        }

        return cap;
    }

    private static void Ensure(ref double[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new double[Math.Max(length, buffer.Length * 2)];
        }
    }
}
