namespace Cti.Dialer.Pacing;

/// <summary>
/// Recent call history as empirical distributions: how long calls ring before a live answer or before any other
/// resolution, the live-answer share, and how long agents spend per call (talk + wrap-up). Sliding windows keep the
/// last <see cref="CallWindow"/> calls and <see cref="ServiceWindow"/> services, so the model follows changing traffic.
/// </summary>
public sealed class CallHistoryModel
{
    private const double RingBinSeconds = 0.5;
    private const int RingBins = 240;
    private const double ServiceBinSeconds = 2.0;
    private const int ServiceBins = 3600;

    private readonly int[] _liveRing = new int[RingBins + 1];
    private readonly int[] _otherRing = new int[RingBins + 1];
    private readonly int[] _service = new int[ServiceBins + 1];
    private readonly Queue<(int Bin, bool Live)> _calls = new();
    private readonly Queue<int> _services = new();
    private readonly double[] _liveCdf = new double[RingBins + 1];
    private readonly double[] _otherCdf = new double[RingBins + 1];
    private readonly double[] _serviceCdf = new double[ServiceBins + 1];
    private int _liveCount;
    private bool _dirty = true;
    private double _serviceSum;

    public CallHistoryModel(int callWindow = 3000, int serviceWindow = 600)
    {
        CallWindow = callWindow;
        ServiceWindow = serviceWindow;
    }

    public int CallWindow { get; }

    public int ServiceWindow { get; }

    public int CallCount => _calls.Count;

    public int ServiceCount => _services.Count;

    /// <summary>Enough history for a model-based decision.</summary>
    public bool IsWarm => _calls.Count >= 100 && _liveCount >= 10 && _services.Count >= 10;

    public double LiveAnswerProbability => _calls.Count == 0 ? 0 : (double)_liveCount / _calls.Count;

    public TimeSpan MeanService => _services.Count == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(_serviceSum / _services.Count * ServiceBinSeconds);

    /// <summary>A placed call was resolved after <paramref name="ringTime"/>: live answer or anything else (machine, busy, no answer...).</summary>
    public void RecordCallResolved(TimeSpan ringTime, bool liveAnswer)
    {
        var bin = Math.Clamp((int)(ringTime.TotalSeconds / RingBinSeconds), 0, RingBins);
        _calls.Enqueue((bin, liveAnswer));
        (liveAnswer ? _liveRing : _otherRing)[bin]++;
        _liveCount += liveAnswer ? 1 : 0;
        if (_calls.Count > CallWindow)
        {
            var old = _calls.Dequeue();
            (old.Live ? _liveRing : _otherRing)[old.Bin]--;
            _liveCount -= old.Live ? 1 : 0;
        }

        _dirty = true;
    }

    /// <summary>An agent finished talk + wrap-up of one call.</summary>
    public void RecordService(TimeSpan talkPlusWrap)
    {
        var bin = Math.Clamp((int)(talkPlusWrap.TotalSeconds / ServiceBinSeconds), 0, ServiceBins);
        _services.Enqueue(bin);
        _service[bin]++;
        _serviceSum += bin + 0.5;
        if (_services.Count > ServiceWindow)
        {
            var old = _services.Dequeue();
            _service[old]--;
            _serviceSum -= old + 0.5;
        }

        _dirty = true;
    }

    /// <summary>P(the call is answered live within the next <paramref name="horizon"/> | unresolved at <paramref name="age"/>).</summary>
    public double LiveAnswerWithin(TimeSpan age, TimeSpan horizon)
    {
        Refresh();
        var n = _calls.Count;
        if (n == 0)
        {
            return 0;
        }

        var a = age.TotalSeconds / RingBinSeconds;
        var b = (age + horizon).TotalSeconds / RingBinSeconds;
        var liveShare = (double)_liveCount / n;
        var survival = (liveShare * (1 - Cdf(_liveCdf, a))) + ((1 - liveShare) * (1 - Cdf(_otherCdf, a)));
        if (survival <= 1e-9)
        {
            return 0;
        }

        return Math.Clamp(liveShare * (Cdf(_liveCdf, b) - Cdf(_liveCdf, a)) / survival, 0, 1);
    }

    /// <summary>P(an agent who has been on a call for <paramref name="elapsed"/> is free within <paramref name="horizon"/>).</summary>
    public double ServiceEndsWithin(TimeSpan elapsed, TimeSpan horizon)
    {
        Refresh();
        if (_services.Count == 0)
        {
            return 0;
        }

        var a = elapsed.TotalSeconds / ServiceBinSeconds;
        var b = (elapsed + horizon).TotalSeconds / ServiceBinSeconds;
        var survival = 1 - Cdf(_serviceCdf, a);
        if (survival <= 1e-9)
        {
            // Longer than anything seen: assume a memoryless tail with the mean service time.
            var mean = Math.Max(1, MeanService.TotalSeconds);
            return 1 - Math.Exp(-horizon.TotalSeconds / mean);
        }

        return Math.Clamp((Cdf(_serviceCdf, b) - Cdf(_serviceCdf, a)) / survival, 0, 1);
    }

    /// <summary>The ring time below which the given share of live answers happen.</summary>
    public TimeSpan LiveRingQuantile(double quantile)
    {
        Refresh();
        for (var i = 0; i <= RingBins; i++)
        {
            if (_liveCdf[i] >= quantile)
            {
                return TimeSpan.FromSeconds((i + 1) * RingBinSeconds);
            }
        }

        return TimeSpan.FromSeconds(RingBins * RingBinSeconds);
    }

    // Linear interpolation inside a bin: cdf[i] is P(X < (i + 1) × bin width).
    private static double Cdf(double[] cdf, double position)
    {
        if (position <= 0)
        {
            return 0;
        }

        var i = (int)position;
        if (i >= cdf.Length)
        {
            return 1;
        }

        var below = i == 0 ? 0 : cdf[i - 1];
        return below + ((cdf[i] - below) * (position - i));
    }

    private void Refresh()
    {
        if (!_dirty)
        {
            return;
        }

        Accumulate(_liveRing, _liveCdf);
        Accumulate(_otherRing, _otherCdf);
        Accumulate(_service, _serviceCdf);
        _dirty = false;
    }

    private static void Accumulate(int[] counts, double[] cdf)
    {
        long total = 0;
        foreach (var c in counts)
        {
            total += c;
        }

        long running = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            running += counts[i];
            cdf[i] = total == 0 ? 0 : (double)running / total;
        }
    }
}
