using Cti.Media.Audio;

namespace Cti.Media.Detection;

/// <summary>
/// Tells a person from an answering machine by the cadence of the first seconds after answer, the way Asterisk's
/// AMD() does: people say a short "hello?" (or "喂") and wait; machines talk on in a long greeting of many words and
/// often end with a beep. Feed it the answered leg's audio from the moment of answer; it decides within
/// <see cref="AnsweringMachineDetectorOptions.TotalAnalysisMilliseconds"/>. Single-threaded, allocation-free per
/// frame, and deterministic: time is the count of 20 ms frames analysed.
/// </summary>
public sealed class AnsweringMachineDetector
{
    private readonly AnsweringMachineDetectorOptions _options;
    private readonly PcmFrameBuffer _buffer = new();
    private readonly VoiceActivityGate _gate;
    private readonly SteadyToneTracker _beep;
    private readonly int _initialSilenceFrames;
    private readonly int _greetingFrames;
    private readonly int _afterGreetingSilenceFrames;
    private readonly int _totalFrames;
    private readonly int _minimumWordFrames;
    private readonly int _betweenWordsFrames;
    private readonly int _maximumWordFrames;
    private readonly int _beepFrames;

    private int _frames;
    private int _silenceRun;
    private int _voiceRun;
    private int _voiceTotal;
    private int _words;
    private bool _inWord;
    private bool _inGreeting;
    private AmdResult _result;

    /// <summary>Creates a detector; throws <see cref="ArgumentException"/> listing every invalid option.</summary>
    public AnsweringMachineDetector(AnsweringMachineDetectorOptions? options = null)
    {
        _options = options ?? AnsweringMachineDetectorOptions.Default;
        var errors = _options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _gate = new VoiceActivityGate(_options.SilenceThreshold, _options.NoiseFloorMarginDecibels, DetectionFrame.FromMilliseconds(_options.NoiseFloorWindowMilliseconds));
        _beep = new SteadyToneTracker(_options.BeepMinimumFrequency, _options.BeepMaximumFrequency, _options.BeepMinimumShare);
        _initialSilenceFrames = DetectionFrame.FromMilliseconds(_options.InitialSilenceMilliseconds);
        _greetingFrames = DetectionFrame.FromMilliseconds(_options.GreetingMilliseconds);
        _afterGreetingSilenceFrames = DetectionFrame.FromMilliseconds(_options.AfterGreetingSilenceMilliseconds);
        _totalFrames = DetectionFrame.FromMilliseconds(_options.TotalAnalysisMilliseconds);
        _minimumWordFrames = DetectionFrame.FromMilliseconds(_options.MinimumWordLengthMilliseconds);
        _betweenWordsFrames = DetectionFrame.FromMilliseconds(_options.BetweenWordsSilenceMilliseconds);
        _maximumWordFrames = DetectionFrame.FromMilliseconds(_options.MaximumWordLengthMilliseconds);
        _beepFrames = DetectionFrame.FromMilliseconds(_options.BeepMinimumMilliseconds);
    }

    /// <summary>The decision so far (<see cref="AmdOutcome.Undecided"/> until one is made; it never changes after).</summary>
    public AmdResult Result => _result.IsDecided ? _result : new AmdResult(AmdOutcome.Undecided, AmdReason.None, ElapsedMilliseconds);

    /// <summary>Audio analysed so far.</summary>
    public int ElapsedMilliseconds => _frames * DetectionFrame.Milliseconds;

    /// <summary>Words (speech bursts of at least the minimum word length) heard so far.</summary>
    public int Words => _words;

    /// <summary>
    /// Adds 8 kHz 16-bit samples of any length; whole 20 ms frames are analysed, the rest waits for the next call.
    /// Returns <see cref="Result"/>; input after a decision is ignored.
    /// </summary>
    public AmdResult Process(ReadOnlySpan<short> samples)
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
    public AmdResult ProcessG711(G711Codec codec, ReadOnlySpan<byte> payload)
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
        _beep.Reset();
        _frames = _silenceRun = _voiceRun = _voiceTotal = _words = 0;
        _inWord = _inGreeting = false;
        _result = default;
    }

    private void Analyse(ReadOnlySpan<short> frame)
    {
        _frames++;
        var energy = FrameMeasures.Energy(frame);
        if (_gate.IsVoice(FrameMeasures.Rms(energy, frame.Length)))
        {
            OnVoice(frame, energy);
        }
        else
        {
            OnSilence();
        }

        if (!_result.IsDecided && _frames >= _totalFrames)
        {
            Decide(AmdOutcome.Unsure, AmdReason.TooLong);
        }
    }

    private void OnVoice(ReadOnlySpan<short> frame, long energy)
    {
        _voiceRun++;
        _voiceTotal++;
        if (_options.DetectBeep && _beep.Add(frame, energy) >= _beepFrames)
        {
            Decide(AmdOutcome.Machine, AmdReason.Beep);
            return;
        }

        // Voice shorter than a word (a click, a breath) neither counts as a word nor ends the silence.
        if (_voiceRun < _minimumWordFrames)
        {
            return;
        }

        if (!_inWord)
        {
            _inWord = true;
            _words++;
        }

        _silenceRun = 0;
        _inGreeting = true;
        if (_voiceRun >= _maximumWordFrames)
        {
            Decide(AmdOutcome.Machine, AmdReason.MaximumWordLength);
        }
        else if (_words >= _options.MaximumNumberOfWords)
        {
            Decide(AmdOutcome.Machine, AmdReason.MaximumWords);
        }
        else if (_voiceTotal >= _greetingFrames)
        {
            Decide(AmdOutcome.Machine, AmdReason.LongGreeting);
        }
    }

    private void OnSilence()
    {
        _beep.Reset();
        _silenceRun++;
        if (_silenceRun >= _betweenWordsFrames)
        {
            _inWord = false;
            _voiceRun = 0;
        }

        if (!_inGreeting && _silenceRun >= _initialSilenceFrames)
        {
            Decide(_options.InitialSilenceOutcome, AmdReason.InitialSilence);
        }
        else if (_inGreeting && _silenceRun >= _afterGreetingSilenceFrames)
        {
            Decide(AmdOutcome.Human, AmdReason.AfterGreetingSilence);
        }
    }

    private void Decide(AmdOutcome outcome, AmdReason reason) => _result = new AmdResult(outcome, reason, ElapsedMilliseconds);
}
