namespace Cti.Media.Detection;

/// <summary>
/// Follows a single steady tone across frames (an answering machine's beep): the zero-crossing count guesses the
/// frequency, three Goertzel probes 25 Hz apart around the guess confirm that one frequency holds most of the energy,
/// and the run lasts while the frequency stays put. Three probes instead of a bank over 400–2,000 Hz keep a frame at
/// a few hundred multiply-adds; speech rarely puts most of its energy in one steady frequency for long.
/// </summary>
internal sealed class SteadyToneTracker
{
    private const double ProbeStep = 25;
    private const double MaximumDrift = 50;

    private readonly double _minimumFrequency;
    private readonly double _maximumFrequency;
    private readonly double _minimumShare;
    private double _frequency;

    public SteadyToneTracker(double minimumFrequency, double maximumFrequency, double minimumShare)
    {
        _minimumFrequency = minimumFrequency;
        _maximumFrequency = maximumFrequency;
        _minimumShare = minimumShare;
    }

    /// <summary>Consecutive frames of the current steady tone.</summary>
    public int Frames { get; private set; }

    /// <summary>Frequency of the current run (Hz), 0 when there is none.</summary>
    public double Frequency => Frames > 0 ? _frequency : 0;

    /// <summary>Adds a voiced frame of <paramref name="energy"/> and returns the run length in frames.</summary>
    public int Add(ReadOnlySpan<short> frame, long energy)
    {
        var guess = FrameMeasures.ZeroCrossings(frame) * (DetectionFrame.SampleRate / (2.0 * frame.Length));
        if (frame.Length != DetectionFrame.Samples || guess < _minimumFrequency - ProbeStep || guess > _maximumFrequency + ProbeStep)
        {
            return Reset();
        }

        Span<double> coefficients = stackalloc double[3];
        Span<double> shares = stackalloc double[3];
        for (var probe = 0; probe < 3; probe++)
        {
            coefficients[probe] = FrameMeasures.Coefficient(guess + ((probe - 1) * ProbeStep));
        }

        FrameMeasures.ToneShares(frame, coefficients, energy, shares);
        var best = 0.0;
        var bestFrequency = guess;
        for (var probe = 0; probe < 3; probe++)
        {
            if (shares[probe] > best)
            {
                best = shares[probe];
                bestFrequency = guess + ((probe - 1) * ProbeStep);
            }
        }

        if (best < _minimumShare || bestFrequency < _minimumFrequency || bestFrequency > _maximumFrequency)
        {
            return Reset();
        }

        if (Frames > 0 && Math.Abs(bestFrequency - _frequency) > MaximumDrift)
        {
            Frames = 0;
        }

        // The first frame's frequency anchors the run, so a slow glide (a sung vowel) cannot drift through it.
        if (Frames == 0)
        {
            _frequency = bestFrequency;
        }

        return ++Frames;
    }

    /// <summary>Ends the current run (a silent or non-tonal frame).</summary>
    public int Reset()
    {
        Frames = 0;
        return 0;
    }
}
