using Cti.Media.Audio;
using Cti.Media.Detection;

namespace Cti.Media.Tests.Detection;

public sealed class AnsweringMachineDetectorTests
{
    [Fact]
    public void Process_PureSilence_UnsureForInitialSilenceByDefault()
    {
        var result = DetectionRun.Amd(Pcm.Silence(3000));

        Assert.Equal(new AmdResult(AmdOutcome.Unsure, AmdReason.InitialSilence, 2000), result);
    }

    [Fact]
    public void Process_PureSilenceWithAsteriskSemantics_Machine()
    {
        var result = DetectionRun.Amd(Pcm.Silence(3000), new AnsweringMachineDetectorOptions { InitialSilenceOutcome = AmdOutcome.Machine });

        Assert.Equal((AmdOutcome.Machine, AmdReason.InitialSilence), (result.Outcome, result.Reason));
    }

    [Fact]
    public void Process_ShortHelloThenSilence_HumanAfterGreetingSilence()
    {
        var result = DetectionRun.Amd(Pcm.Join(Pcm.Silence(300), Pcm.Word(450), Pcm.Silence(2000)));

        Assert.Equal((AmdOutcome.Human, AmdReason.AfterGreetingSilence), (result.Outcome, result.Reason));
        Assert.InRange(result.ElapsedMilliseconds, 1200, 1300);
    }

    [Fact]
    public void Process_LongContinuousGreeting_MachineByLongGreeting()
    {
        var result = DetectionRun.Amd(Pcm.Join(Pcm.Silence(200), Pcm.Word(3000)));

        Assert.Equal((AmdOutcome.Machine, AmdReason.LongGreeting), (result.Outcome, result.Reason));
        Assert.InRange(result.ElapsedMilliseconds, 200 + 1100, 200 + 1500);
    }

    [Fact]
    public void Process_ManyShortWords_MachineByMaximumWords()
    {
        var word = Pcm.Join(Pcm.Word(200), Pcm.Silence(160));
        var result = DetectionRun.Amd(Pcm.Join(word, word, word, word, word, word));

        Assert.Equal((AmdOutcome.Machine, AmdReason.MaximumWords), (result.Outcome, result.Reason));
    }

    [Fact]
    public void Process_OneWordLongerThanTheLimit_MachineByMaximumWordLength()
    {
        var options = new AnsweringMachineDetectorOptions { GreetingMilliseconds = 5000, MaximumWordLengthMilliseconds = 1000 };

        var result = DetectionRun.Amd(Pcm.Word(2000), options);

        Assert.Equal((AmdOutcome.Machine, AmdReason.MaximumWordLength), (result.Outcome, result.Reason));
    }

    [Theory]
    [InlineData(440)]
    [InlineData(1000)]
    [InlineData(1400)]
    public void Process_BeepAfterShortGreeting_MachineByBeep(double frequency)
    {
        var result = DetectionRun.Amd(Pcm.Join(Pcm.Silence(300), Pcm.Tone(500, frequency)));

        Assert.Equal((AmdOutcome.Machine, AmdReason.Beep), (result.Outcome, result.Reason));
        Assert.Equal(300 + 200, result.ElapsedMilliseconds);
    }

    [Fact]
    public void Process_ToneOutsideTheBeepBand_NotABeep()
    {
        var result = DetectionRun.Amd(Pcm.Join(Pcm.Silence(300), Pcm.Tone(500, 3000)));

        Assert.NotEqual(AmdReason.Beep, result.Reason);
    }

    [Fact]
    public void Process_SteadyLineNoiseOnly_NotTakenForSpeech()
    {
        var result = DetectionRun.Amd(Pcm.Noise(3000, rms: 800));

        Assert.Equal((AmdOutcome.Unsure, AmdReason.InitialSilence), (result.Outcome, result.Reason));
    }

    [Fact]
    public void Process_HelloOverLineNoise_Human()
    {
        var speech = Pcm.Join(Pcm.Silence(400), Pcm.Word(500), Pcm.Silence(2100));

        var result = DetectionRun.Amd(Pcm.Mix(speech, Pcm.Noise(3000, rms: 500)));

        Assert.Equal(AmdOutcome.Human, result.Outcome);
    }

    [Fact]
    public void Process_ClippedHello_Human()
    {
        var result = DetectionRun.Amd(Pcm.Clip(Pcm.Join(Pcm.Silence(300), Pcm.Word(450), Pcm.Silence(2000)), gain: 20));

        Assert.Equal(AmdOutcome.Human, result.Outcome);
    }

    [Fact]
    public void Process_ClippedLongGreeting_Machine()
    {
        var result = DetectionRun.Amd(Pcm.Clip(Pcm.Word(3000), gain: 20));

        Assert.Equal(AmdOutcome.Machine, result.Outcome);
    }

    [Fact]
    public void Process_SpeechUntilTheCapWithPauses_DecidedAtTheCapAtTheLatest()
    {
        var options = new AnsweringMachineDetectorOptions { GreetingMilliseconds = 10_000, MaximumNumberOfWords = 100, MaximumWordLengthMilliseconds = 10_000 };

        var result = DetectionRun.Amd(Pcm.Word(4000), options);

        Assert.Equal(new AmdResult(AmdOutcome.Unsure, AmdReason.TooLong, 2500), result);
    }

    [Fact]
    public void Process_OddChunkSizes_SameDecisionAsWholeFrames()
    {
        var audio = Pcm.Join(Pcm.Silence(300), Pcm.Word(450), Pcm.Silence(2000));
        var detector = new AnsweringMachineDetector();
        var at = 0;
        var sizes = new[] { 1, 7, 160, 240, 333, 80 };
        for (var i = 0; at < audio.Length && !detector.Result.IsDecided; i++)
        {
            var size = Math.Min(sizes[i % sizes.Length], audio.Length - at);
            detector.Process(audio.AsSpan(at, size));
            at += size;
        }

        Assert.Equal(DetectionRun.Amd(audio), detector.Result);
    }

    [Fact]
    public void Reset_SameAudioAgain_SameDecision()
    {
        var audio = Pcm.Join(Pcm.Silence(200), Pcm.Word(3000));
        var detector = new AnsweringMachineDetector();
        var first = detector.Process(audio);

        detector.Reset();

        Assert.Equal(AmdOutcome.Undecided, detector.Result.Outcome);
        Assert.Equal(first, detector.Process(audio));
    }

    [Fact]
    public void ProcessG711_AfterDecision_IgnoresInput()
    {
        var detector = new AnsweringMachineDetector();
        detector.Process(Pcm.Silence(2500));
        var decided = detector.Result;

        var payload = new byte[160];
        G711.EncodeALaw(Pcm.Word(20), payload);
        detector.ProcessG711(G711Codec.Pcma, payload);

        Assert.Equal(decided, detector.Result);
    }

    [Fact]
    public void Process_SteadyState_AllocatesNothing()
    {
        var options = new AnsweringMachineDetectorOptions { TotalAnalysisMilliseconds = 30_000, GreetingMilliseconds = 30_000, MaximumNumberOfWords = 1000, MaximumWordLengthMilliseconds = 30_000, DetectBeep = true };
        var detector = new AnsweringMachineDetector(options);
        var audio = Pcm.Join(Pcm.Word(400), Pcm.Silence(60), Pcm.Tone(100, 1000), Pcm.Noise(200, 300));
        var payload = new byte[audio.Length];
        G711.EncodeMuLaw(audio, payload);
        detector.ProcessG711(G711Codec.Pcmu, payload.AsSpan(0, 160));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 20; i++)
        {
            detector.ProcessG711(G711Codec.Pcmu, payload.AsSpan(160 * (i % (payload.Length / 160)), 160));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.False(detector.Result.IsDecided);
    }

    [Fact]
    public void Constructor_InvalidOptions_ListsEveryProblem()
    {
        var options = new AnsweringMachineDetectorOptions
        {
            InitialSilenceMilliseconds = 0,
            InitialSilenceOutcome = AmdOutcome.Human,
            TotalAnalysisMilliseconds = 100,
            MaximumNumberOfWords = 0,
            BeepMinimumFrequency = 3000,
        };

        var errors = options.Validate();

        Assert.Equal(5, errors.Count);
        var thrown = Assert.Throws<ArgumentException>(() => new AnsweringMachineDetector(options));
        Assert.Contains(nameof(AnsweringMachineDetectorOptions.InitialSilenceOutcome), thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_AreValid() => Assert.Empty(AnsweringMachineDetectorOptions.Default.Validate());
}
