using BenchmarkDotNet.Attributes;
using Cti.Media.Audio;
using Cti.Media.Detection;

namespace Cti.Sip.Benchmarks.Media;

/// <summary>
/// One 20 ms µ-law frame through each detector, as the relay would hand it over: decode, measure, update the state.
/// Voiced frames are the expensive case (the beep and ringback probes run only on voice, the SIT probes on any frame
/// loud enough); the detectors are kept undecided by limits beyond the run and reset when they do decide.
/// </summary>
[MemoryDiagnoser]
public class DetectionBenchmarks
{
    private const int Frames = 50;

    private readonly AnsweringMachineDetector _amd = new(new AnsweringMachineDetectorOptions
    {
        TotalAnalysisMilliseconds = 30_000,
        GreetingMilliseconds = 30_000,
        InitialSilenceMilliseconds = 30_000,
        MaximumNumberOfWords = 10_000,
        MaximumWordLengthMilliseconds = 30_000,
        AfterGreetingSilenceMilliseconds = 30_000,
    });

    private readonly SpecialInformationToneDetector _sit = new(new SpecialInformationToneDetectorOptions { DetectAnnouncements = true, AnnouncementSpeechMilliseconds = 600_000 });
    private readonly byte[] _speech = new byte[Frames * DetectionFrame.Samples];
    private readonly byte[] _tone = new byte[Frames * DetectionFrame.Samples];
    private readonly byte[] _silence = new byte[DetectionFrame.Samples];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var speech = new short[_speech.Length];
        var tone = new short[_tone.Length];
        for (var i = 0; i < speech.Length; i++)
        {
            var t = i / 8000.0;
            double voice = 0;
            for (var k = 1; k <= 10; k++)
            {
                voice += Math.Sin(2 * Math.PI * k * 140 * t) / k;
            }

            speech[i] = (short)(3000 * voice * (0.55 + (0.45 * Math.Cos(2 * Math.PI * 4 * t))));
            tone[i] = (short)(1100 * Math.Sin(2 * Math.PI * 1370.6 * t));
        }

        G711.EncodeMuLaw(speech, _speech);
        G711.EncodeMuLaw(tone, _tone);
        Array.Fill(_silence, G711.MuLawSilence);
    }

    [Benchmark(Baseline = true)]
    public AmdOutcome AmdSpeechFrame() => Amd(NextFrame(_speech));

    [Benchmark]
    public AmdOutcome AmdSilenceFrame() => Amd(_silence);

    [Benchmark]
    public SitOutcome SitToneFrame() => Sit(NextFrame(_tone));

    [Benchmark]
    public SitOutcome SitSpeechFrameBeforeAnswer() => Sit(NextFrame(_speech));

    private AmdOutcome Amd(ReadOnlySpan<byte> frame)
    {
        var outcome = _amd.ProcessG711(G711Codec.Pcmu, frame).Outcome;
        if (outcome != AmdOutcome.Undecided)
        {
            _amd.Reset();
        }

        return outcome;
    }

    private SitOutcome Sit(ReadOnlySpan<byte> frame)
    {
        var outcome = _sit.ProcessG711(G711Codec.Pcmu, frame).Outcome;
        if (outcome != SitOutcome.Undecided)
        {
            _sit.Reset();
        }

        return outcome;
    }

    private ReadOnlySpan<byte> NextFrame(byte[] frames)
    {
        _next = (_next + 1) % Frames;
        return frames.AsSpan(_next * DetectionFrame.Samples, DetectionFrame.Samples);
    }
}
