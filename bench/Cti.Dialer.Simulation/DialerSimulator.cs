using Cti.Dialer.Compliance;
using Cti.Dialer.Pacing;
using Cti.Dialer.Simulation.Baselines;

namespace Cti.Dialer.Simulation;

/// <summary>
/// A seeded discrete-event simulation of one outbound shift: agents, calls with live/machine/busy/failure/no-answer
/// outcomes, ring times, talk and wrap-up, the 2 s abandon rule and AMD. Drives any <see cref="IPacer"/> once per tick.
/// </summary>
public sealed class DialerSimulator
{
    private enum Kind { Tick, Resolve, ServiceEnd, WaitExpired, PreviewDial }

    private enum Outcome { Live, MachineDetected, MachineUndetected, FalsePositive, Busy, Failure, NoAnswer }

    private readonly SimulationOptions _o;
    private readonly Random _rng;
    private readonly IPacer _pacer;
    private readonly CallHistoryModel _history = new();
    private readonly PriorityQueue<(Kind Kind, long Id), (double Time, long Seq)> _events = new();
    private readonly Dictionary<long, (double PlacedAt, Outcome Outcome, double Ring, int PreviewAgent)> _dialing = [];
    private readonly LinkedList<(long Id, double AnsweredAt)> _waiting = new();
    private readonly double[] _busySince;
    private readonly bool[] _busyIsTalk;
    private readonly Stack<int> _free = new();
    private readonly List<TimeSpan> _ages = [];
    private readonly List<TimeSpan> _busyElapsed = [];
    private long _seq;
    private long _nextCallId;
    private double _now;
    private double _talkWrapSeconds;
    private double _busySeconds;
    private long _calls, _live, _abandoned, _falsePositives, _machineClassified, _dialerLive, _dialerAbandoned;

    public DialerSimulator(SimulationOptions options)
    {
        _o = options ?? throw new ArgumentNullException(nameof(options));
        _rng = new Random(options.Seed);
        _pacer = options.Pacer == PreviousPredictivePacer.PacerName ? new PreviousPredictivePacer() : Pacers.Create(options.Pacer, options.FixedRatio);
        _busySince = new double[options.Agents];
        _busyIsTalk = new bool[options.Agents];
        for (var a = options.Agents - 1; a >= 0; a--)
        {
            _busySince[a] = -1;
            _free.Push(a);
        }
    }

    public SimulationResult Run()
    {
        var end = _o.Hours * 3600;
        Schedule(0, Kind.Tick, 0);
        while (_events.TryDequeue(out var ev, out var key))
        {
            if (key.Time > end)
            {
                break;
            }

            _now = key.Time;
            switch (ev.Kind)
            {
                case Kind.Tick:
                    Pace();
                    Schedule(_now + _o.TickSeconds, Kind.Tick, 0);
                    break;
                case Kind.Resolve:
                    Resolve(ev.Id);
                    break;
                case Kind.ServiceEnd:
                    EndService((int)ev.Id);
                    break;
                case Kind.WaitExpired:
                    Expire(ev.Id);
                    break;
                case Kind.PreviewDial:
                    Place((int)ev.Id);
                    break;
            }
        }

        // Agents still on a call at the end of the shift: count the part inside the shift.
        for (var a = 0; a < _o.Agents; a++)
        {
            if (_busySince[a] >= 0)
            {
                var part = end - _busySince[a];
                _busySeconds += part;
                _talkWrapSeconds += _busyIsTalk[a] ? part : 0;
            }
        }

        var agentHours = _o.Agents * _o.Hours;
        return new SimulationResult(
            _pacer.Name,
            _o.Agents,
            _o.LiveAnswer,
            _talkWrapSeconds / 60 / agentHours,
            100 * (1 - (_busySeconds / (agentHours * 3600))),
            AbandonRateFormulas.UsTsr(_abandoned + _falsePositives, _live + _falsePositives),
            AbandonRateFormulas.UkOfcom(_abandoned, _live, _machineClassified, _machineClassified == 0 ? 0 : (double)_falsePositives / _machineClassified),
            _calls,
            _live,
            _abandoned);
    }

    private void Schedule(double at, Kind kind, long id) => _events.Enqueue((kind, id), (at, _seq++));

    private void Pace()
    {
        _ages.Clear();
        foreach (var call in _dialing.Values)
        {
            if (call.PreviewAgent < 0)
            {
                _ages.Add(TimeSpan.FromSeconds(_now - call.PlacedAt));
            }
        }

        _busyElapsed.Clear();
        for (var a = 0; a < _o.Agents; a++)
        {
            if (_busySince[a] >= 0 && _busyIsTalk[a])
            {
                _busyElapsed.Add(TimeSpan.FromSeconds(_now - _busySince[a]));
            }
        }

        var snapshot = new PacingSnapshot
        {
            Now = TimeSpan.FromSeconds(_now),
            LoggedInAgents = _o.Agents,
            FreeAgents = _free.Count,
            BusyAgentElapsed = _busyElapsed,
            DialingCallAges = _ages,
            AnsweredWaiting = _waiting.Count,
            LiveAnswered = _dialerLive,
            Abandoned = _dialerAbandoned,
            AbandonCap = _o.AbandonCap,
            AbandonTarget = _o.AbandonTarget,
            History = _history,
        };
        var count = _pacer.CallsToPlace(snapshot);
        var preview = _pacer.Name == Pacers.Preview;
        for (var i = 0; i < count; i++)
        {
            if (preview)
            {
                if (_free.Count == 0)
                {
                    break;
                }

                // The agent reads the lead before starting the call and is held meanwhile.
                var agent = _free.Pop();
                _busySince[agent] = _now;
                _busyIsTalk[agent] = false;
                Schedule(_now + _o.PreviewSeconds, Kind.PreviewDial, agent);
            }
            else
            {
                Place(-1);
            }
        }
    }

    private void Place(int previewAgent)
    {
        var id = _nextCallId++;
        _calls++;
        var u = _rng.NextDouble();
        Outcome outcome;
        double ring;
        if (u < _o.LiveAnswer)
        {
            ring = Math.Min(LogNormal(_o.LiveRingMedian, 0.45), _o.RingTimeout - 0.5);
            outcome = _rng.NextDouble() < _o.AmdFalsePositive ? Outcome.FalsePositive : Outcome.Live;
        }
        else if (u < _o.LiveAnswer + _o.MachineShare)
        {
            ring = Math.Min(LogNormal(_o.MachineRingMedian, 0.4), _o.RingTimeout - 0.5);
            outcome = _rng.NextDouble() < _o.AmdDetection ? Outcome.MachineDetected : Outcome.MachineUndetected;
        }
        else if (u < _o.LiveAnswer + _o.MachineShare + _o.BusyShare)
        {
            ring = 2 + _rng.NextDouble() * 2;
            outcome = Outcome.Busy;
        }
        else if (u < _o.LiveAnswer + _o.MachineShare + _o.BusyShare + _o.NetworkFailureShare)
        {
            ring = 0.5 + _rng.NextDouble() * 2;
            outcome = Outcome.Failure;
        }
        else
        {
            ring = _o.RingTimeout;
            outcome = Outcome.NoAnswer;
        }

        // The AMD needs a couple of seconds after the answer before it decides.
        var resolveAt = outcome is Outcome.MachineDetected or Outcome.FalsePositive ? ring + _o.AmdSeconds : ring;
        _dialing[id] = (_now, outcome, resolveAt, previewAgent);
        Schedule(_now + resolveAt, Kind.Resolve, id);
    }

    private void Resolve(long id)
    {
        if (!_dialing.Remove(id, out var call))
        {
            return;
        }

        var reachesAgent = call.Outcome is Outcome.Live or Outcome.MachineUndetected;
        if (call.PreviewAgent < 0)
        {
            _history.RecordCallResolved(TimeSpan.FromSeconds(call.Ring), reachesAgent);
        }

        switch (call.Outcome)
        {
            case Outcome.MachineDetected:
            case Outcome.FalsePositive:
                _machineClassified++;
                _falsePositives += call.Outcome == Outcome.FalsePositive ? 1 : 0;
                break;
        }

        if (!reachesAgent)
        {
            if (call.PreviewAgent >= 0)
            {
                ReleaseAgent(call.PreviewAgent);
            }

            return;
        }

        if (call.Outcome == Outcome.Live)
        {
            _live++;
        }

        _dialerLive++;
        if (call.PreviewAgent >= 0)
        {
            // The previewing agent is already on the line.
            _busySeconds += _now - _busySince[call.PreviewAgent];
            StartService(call.PreviewAgent, call.Outcome);
            return;
        }

        if (_free.Count > 0)
        {
            StartService(_free.Pop(), call.Outcome);
            return;
        }

        _waiting.AddLast((id, _now));
        _dialingOutcomes[id] = call.Outcome;
        Schedule(_now + _o.AgentWait, Kind.WaitExpired, id);
    }

    private readonly Dictionary<long, Outcome> _dialingOutcomes = [];

    private void Expire(long id)
    {
        for (var node = _waiting.First; node is not null; node = node.Next)
        {
            if (node.Value.Id == id)
            {
                _waiting.Remove(node);
                _dialingOutcomes.Remove(id, out var outcome);
                _dialerAbandoned++;
                if (outcome == Outcome.Live)
                {
                    _abandoned++;
                }

                return;
            }
        }
    }

    private void StartService(int agent, Outcome outcome)
    {
        _busySince[agent] = _now;
        double duration;
        if (outcome == Outcome.Live)
        {
            _busyIsTalk[agent] = true;
            duration = LogNormalMean(_o.TalkMean, 0.6) + LogNormalMean(_o.WrapMean, 0.4);
        }
        else
        {
            _busyIsTalk[agent] = false;
            duration = _o.MachineHandling;
        }

        Schedule(_now + duration, Kind.ServiceEnd, agent);
    }

    private void EndService(int agent)
    {
        var duration = _now - _busySince[agent];
        _busySeconds += duration;
        if (_busyIsTalk[agent])
        {
            _talkWrapSeconds += duration;
            _history.RecordService(TimeSpan.FromSeconds(duration));
        }

        _busySince[agent] = -1;
        _busyIsTalk[agent] = false;
        ReleaseAgent(agent);
    }

    private void ReleaseAgent(int agent)
    {
        if (_busySince[agent] >= 0)
        {
            _busySeconds += _now - _busySince[agent];
            _busySince[agent] = -1;
        }

        // A callee already waiting (within the 2 s grace) takes the agent at once.
        if (_waiting.First is { } first)
        {
            _waiting.RemoveFirst();
            _dialingOutcomes.Remove(first.Value.Id, out var outcome);
            StartService(agent, outcome);
            return;
        }

        _free.Push(agent);
    }

    private double LogNormal(double median, double sigma) => median * Math.Exp(sigma * Normal());

    private double LogNormalMean(double mean, double sigma) => mean * Math.Exp((sigma * Normal()) - (sigma * sigma / 2));

    private double Normal()
    {
        var u1 = 1.0 - _rng.NextDouble();
        var u2 = _rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
