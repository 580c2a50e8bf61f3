using Cti.Media.Audio;

namespace Cti.Media.Detection;

/// <summary>
/// Recognises the special information tone (three rising segments: 913.8 or 985.2 Hz, 1370.6 or 1428.5 Hz, then
/// 1776.7 Hz, each 274 or 380 ms) on early media or in the first seconds after answer, classifies its coding and maps
/// it to <see cref="SitOutcome.InvalidNumber"/> or <see cref="SitOutcome.NetworkFailure"/>. Before answer it also
/// flags speech-like early media as <see cref="SitOutcome.Announcement"/>: carriers (in China especially) answer empty
/// numbers with a recording and no tone at all. Single-threaded, allocation-free per frame, time counted in frames.
/// </summary>
public sealed class SpecialInformationToneDetector
{
    private const int NoTone = -1;
    private const int Low = 0;
    private const int High = 1;
    private const int Middle = 2;

    // Telcordia's low and high frequency of each segment, plus a probe mid-band: ITU-T E.180 only asks for
    // 950/1400/1800 ± 50 Hz, and a tone there reads as a SIT of unknown coding rather than as nothing.
    private static readonly double[] Frequencies = [913.8, 985.2, 950, 1370.6, 1428.5, 1400, 1776.7, 1820];
    private static readonly int[] Segments = [1, 1, 1, 2, 2, 2, 3, 3];
    private static readonly int[] Kinds = [Low, High, Middle, Low, High, Middle, Low, Middle];
    private static readonly double[] Coefficients = Array.ConvertAll(Frequencies, FrameMeasures.Coefficient);

    private readonly SpecialInformationToneDetectorOptions _options;
    private readonly PcmFrameBuffer _buffer = new();
    private readonly VoiceActivityGate _gate;
    private readonly SteadyToneTracker _steadyTone = new(250, 2500, 0.6);
    private readonly AnnouncementTracker _announcement;
    private readonly int _minimumSegmentFrames;
    private readonly int _maximumSegmentFrames;
    private readonly int _longSegmentFrames;
    private readonly int _maximumGapFrames;
    private readonly int _afterAnswerFrames;
    private readonly int _announcementFrames;

    private int _frames;
    private int _answeredAt = -1;
    private Segment _first = Segment.Empty;
    private Segment _second = Segment.Empty;
    private Segment _third = Segment.Empty;
    private Segment _run = Segment.Empty;
    private int _gap;
    private SitResult _result;

    /// <summary>Creates a detector; throws <see cref="ArgumentException"/> listing every invalid option.</summary>
    public SpecialInformationToneDetector(SpecialInformationToneDetectorOptions? options = null)
    {
        _options = options ?? SpecialInformationToneDetectorOptions.Default;
        var errors = _options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _gate = new VoiceActivityGate(_options.SilenceThreshold, _options.NoiseFloorMarginDecibels, DetectionFrame.FromMilliseconds(_options.NoiseFloorWindowMilliseconds));
        _announcement = new AnnouncementTracker(minimumBurstFrames: 5, betweenBurstsFrames: 3);
        _minimumSegmentFrames = DetectionFrame.FromMilliseconds(_options.MinimumSegmentMilliseconds);
        _maximumSegmentFrames = _options.MaximumSegmentMilliseconds / DetectionFrame.Milliseconds;
        _longSegmentFrames = DetectionFrame.FromMilliseconds(_options.LongSegmentMilliseconds);
        _maximumGapFrames = _options.MaximumGapMilliseconds / DetectionFrame.Milliseconds;
        _afterAnswerFrames = DetectionFrame.FromMilliseconds(_options.AnalysisAfterAnswerMilliseconds);
        _announcementFrames = DetectionFrame.FromMilliseconds(_options.AnnouncementSpeechMilliseconds);
    }

    /// <summary>The decision so far (<see cref="SitOutcome.Undecided"/> until one is made; it never changes after).</summary>
    public SitResult Result => _result.IsDecided ? _result : new SitResult(SitOutcome.Undecided, SitCategory.None, ElapsedMilliseconds);

    /// <summary>Audio analysed so far.</summary>
    public int ElapsedMilliseconds => _frames * DetectionFrame.Milliseconds;

    /// <summary>Whether <see cref="MarkAnswered"/> has been called.</summary>
    public bool IsAnswered => _answeredAt >= 0;

    /// <summary>
    /// The call was answered: from here on speech is the callee (no announcement verdicts), and tones are looked for
    /// only for <see cref="SpecialInformationToneDetectorOptions.AnalysisAfterAnswerMilliseconds"/> more.
    /// </summary>
    public void MarkAnswered()
    {
        if (_answeredAt < 0)
        {
            _answeredAt = _frames;
        }
    }

    /// <summary>Adds 8 kHz 16-bit samples of any length; whole 20 ms frames are analysed. Input after a decision is ignored.</summary>
    public SitResult Process(ReadOnlySpan<short> samples)
    {
        while (!samples.IsEmpty && !_result.IsDecided)
        {
            samples = samples[_buffer.Append(samples)..];
            if (_buffer.IsFull)
            {
                Analyse(_buffer.Frame);
                _buffer.Clear();
            }
        }

        return Result;
    }

    /// <summary>Adds a G.711 RTP payload (any packet time), decoded on the stack.</summary>
    public SitResult ProcessG711(G711Codec codec, ReadOnlySpan<byte> payload)
    {
        Span<short> decoded = stackalloc short[DetectionFrame.Samples];
        while (!payload.IsEmpty && !_result.IsDecided)
        {
            var chunk = Math.Min(payload.Length, decoded.Length);
            G711.Decode(codec, payload[..chunk], decoded);
            Process(decoded[..chunk]);
            payload = payload[chunk..];
        }

        return Result;
    }

    /// <summary>Starts over for a new call, keeping the options and buffers.</summary>
    public void Reset()
    {
        _buffer.Clear();
        _gate.Reset();
        _steadyTone.Reset();
        _announcement.Reset();
        _frames = _gap = 0;
        _answeredAt = -1;
        _first = _second = _third = Segment.Empty;
        _run = Segment.Empty;
        _result = default;
    }

    private void Analyse(ReadOnlySpan<short> frame)
    {
        _frames++;
        var energy = FrameMeasures.Energy(frame);
        var rms = FrameMeasures.Rms(energy, frame.Length);
        var voiced = _gate.IsVoice(rms);
        var probe = rms >= _options.MinimumToneRms ? DominantProbe(frame, energy) : NoTone;
        Track(probe);
        if (_result.IsDecided)
        {
            return;
        }

        if (_answeredAt < 0)
        {
            if (_options.DetectAnnouncements)
            {
                var tonal = probe != NoTone || (voiced && _steadyTone.Add(frame, energy) > 0);
                if (!voiced)
                {
                    _steadyTone.Reset();
                }

                _announcement.Add(voiced && !tonal, FrameMeasures.Decibels(rms));
                if (_announcement.SpeechFrames >= _announcementFrames
                    && _announcement.Bursts >= _options.AnnouncementMinimumBursts
                    && _announcement.JumpFrames >= _options.AnnouncementMinimumModulation * _announcement.SpeechFrames)
                {
                    _result = new SitResult(SitOutcome.Announcement, SitCategory.None, ElapsedMilliseconds);
                }
            }
        }
        else if (_frames - _answeredAt >= _afterAnswerFrames)
        {
            _result = new SitResult(SitOutcome.None, SitCategory.None, ElapsedMilliseconds);
        }
    }

    private int DominantProbe(ReadOnlySpan<short> frame, long energy)
    {
        Span<double> shares = stackalloc double[Coefficients.Length];
        FrameMeasures.ToneShares(frame, Coefficients, energy, shares);
        var best = NoTone;
        var bestShare = 0.0;
        for (var i = 0; i < shares.Length; i++)
        {
            if (shares[i] > bestShare)
            {
                bestShare = shares[i];
                best = i;
            }
        }

        return bestShare >= _options.MinimumToneShare ? best : NoTone;
    }

    // Runs of frames of one segment's band become segments; a short gap inside a run is absorbed (a frame straddling
    // a click), a longer one or another band closes it. Every closed segment is checked as the third of a sequence.
    private void Track(int probe)
    {
        var band = probe == NoTone ? NoTone : Segments[probe];
        if (band != NoTone && band == _run.Band)
        {
            _run = _run.Add(Kinds[probe], 1 + _gap);
            _gap = 0;
            return;
        }

        if (band != NoTone)
        {
            CloseRun();
            _run = new Segment(band, 0, _gap, 0, 0, 0).Add(Kinds[probe], 1);
            _gap = 0;
            return;
        }

        _gap++;
        if (_run.Band != NoTone && _gap > _maximumGapFrames)
        {
            CloseRun();
        }
    }

    private void CloseRun()
    {
        if (_run.Band == NoTone)
        {
            return;
        }

        _first = _second;
        _second = _third;
        _third = _run;
        _run = Segment.Empty;
        if (_third.Band == 3 && _second.Band == 2 && _first.Band == 1
            && _second.GapBefore <= _maximumGapFrames
            && _third.GapBefore <= _maximumGapFrames
            && Valid(_first) && Valid(_second) && Valid(_third))
        {
            var category = _first.Kind == Middle || _second.Kind == Middle
                ? SitCategory.Unknown
                : SitClassification.Classify(
                    firstHigh: _first.Kind == High,
                    firstLong: _first.Frames >= _longSegmentFrames,
                    secondHigh: _second.Kind == High,
                    secondLong: _second.Frames >= _longSegmentFrames);
            _result = new SitResult(SitClassification.OutcomeOf(category), category, ElapsedMilliseconds);
        }
    }

    private bool Valid(Segment segment) => segment.Frames >= _minimumSegmentFrames && segment.Frames <= _maximumSegmentFrames;

    // A segment: its band (1–3), length in frames, the gap before it, and how many frames each probe kind won.
    private readonly record struct Segment(int Band, int Frames, int GapBefore, int LowFrames, int HighFrames, int MiddleFrames)
    {
        public static Segment Empty { get; } = new(NoTone, 0, 0, 0, 0, 0);

        /// <summary>The probe kind that won most frames.</summary>
        public int Kind => HighFrames > LowFrames && HighFrames >= MiddleFrames ? High : MiddleFrames > LowFrames ? Middle : Low;

        public Segment Add(int kind, int frames) => this with
        {
            Frames = Frames + frames,
            LowFrames = LowFrames + (kind == Low ? 1 : 0),
            HighFrames = HighFrames + (kind == High ? 1 : 0),
            MiddleFrames = MiddleFrames + (kind == Middle ? 1 : 0),
        };
    }
}
