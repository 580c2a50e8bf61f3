using Cti.Media.Audio;
using Cti.Media.Detection;

namespace Cti.Media.Tests.Detection;

public sealed class SpecialInformationToneDetectorTests
{
    private static short[] Sit(int first, double firstFrequency, int second, double secondFrequency) =>
        Pcm.Join(Pcm.Tone(first, firstFrequency, 1100), Pcm.Tone(second, secondFrequency, 1100), Pcm.Tone(380, 1776.7, 1100));

    [Fact]
    public void Process_SynthesisedIntercept_InvalidNumber()
    {
        var result = DetectionRun.Sit(Pcm.Join(Pcm.Silence(130), Sit(274, 913.8, 274, 1370.6)));

        Assert.Equal((SitOutcome.InvalidNumber, SitCategory.Intercept), (result.Outcome, result.Category));
    }

    [Fact]
    public void Process_SynthesisedNoCircuitWithGaps_NetworkFailure()
    {
        var audio = Pcm.Join(Pcm.Tone(380, 985.2, 1100), Pcm.Silence(30), Pcm.Tone(380, 1428.5, 1100), Pcm.Silence(30), Pcm.Tone(380, 1776.7, 1100));

        var result = DetectionRun.Sit(audio);

        Assert.Equal((SitOutcome.NetworkFailure, SitCategory.NoCircuit), (result.Outcome, result.Category));
    }

    [Fact]
    public void Process_ItuMidBandSegments_Recognised()
    {
        // ITU-T E.180 allows 950 ± 50, 1400 ± 50, 1800 ± 50 Hz; the nominal Telcordia tones sit inside, and a
        // tone near the middle of each band still reads as a SIT of unknown coding or better.
        var result = DetectionRun.Sit(Sit(330, 950, 330, 1400));

        Assert.NotEqual(SitOutcome.Undecided, result.Outcome);
        Assert.NotEqual(SitOutcome.None, result.Outcome);
    }

    [Fact]
    public void Process_AnsweredAndQuiet_NoneAfterTheAnalysisTime()
    {
        var detector = new SpecialInformationToneDetector();
        detector.MarkAnswered();

        var result = detector.Process(Pcm.Silence(5000));

        Assert.Equal(new SitResult(SitOutcome.None, SitCategory.None, 4000), result);
    }

    [Fact]
    public void Process_QuietEarlyMedia_StaysUndecided()
    {
        var detector = new SpecialInformationToneDetector();

        Assert.Equal(SitOutcome.Undecided, detector.Process(Pcm.Silence(20_000)).Outcome);
    }

    [Fact]
    public void Process_SyntheticWordsBeforeAnswer_Announcement()
    {
        var word = Pcm.Join(Pcm.Word(300), Pcm.Silence(120));

        var result = DetectionRun.Sit(Pcm.Join(word, word, word, word, word, word));

        Assert.Equal(SitOutcome.Announcement, result.Outcome);
    }

    [Fact]
    public void Process_SyntheticWordsAfterAnswer_NoAnnouncement()
    {
        var word = Pcm.Join(Pcm.Word(300), Pcm.Silence(120));

        var result = DetectionRun.Sit(Pcm.Join(word, word, word, word, word, word), answered: true);

        Assert.NotEqual(SitOutcome.Announcement, result.Outcome);
    }

    [Fact]
    public void Process_ClippedIntercept_StillRecognised()
    {
        var result = DetectionRun.Sit(Pcm.Clip(Sit(274, 913.8, 274, 1370.6), gain: 10));

        Assert.Equal(SitCategory.Intercept, result.Category);
    }

    [Fact]
    public void Process_SteadyState_AllocatesNothing()
    {
        var detector = new SpecialInformationToneDetector();
        var audio = Pcm.Join(Pcm.Word(400), Pcm.Tone(200, 913.8), Pcm.Noise(200, 300));
        var payload = new byte[audio.Length];
        G711.EncodeALaw(audio, payload);
        detector.ProcessG711(G711Codec.Pcma, payload.AsSpan(0, 160));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 20; i++)
        {
            detector.ProcessG711(G711Codec.Pcma, payload.AsSpan(160 * (i % (payload.Length / 160)), 160));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData(false, false, false, false, SitCategory.Intercept)]
    [InlineData(true, true, false, false, SitCategory.VacantCode)]
    [InlineData(true, true, true, true, SitCategory.NoCircuit)]
    [InlineData(false, true, false, true, SitCategory.NoCircuit)]
    [InlineData(true, false, false, true, SitCategory.Reorder)]
    [InlineData(false, false, true, true, SitCategory.Reorder)]
    [InlineData(false, true, true, false, SitCategory.IneffectiveOther)]
    [InlineData(true, false, true, false, SitCategory.Unknown)]
    [InlineData(false, true, false, false, SitCategory.Unknown)]
    public void Classify_TelcordiaCodings_Categories(bool firstHigh, bool firstLong, bool secondHigh, bool secondLong, SitCategory expected) =>
        Assert.Equal(expected, SitClassification.Classify(firstHigh, firstLong, secondHigh, secondLong));

    [Fact]
    public void OutcomeOf_UnknownCoding_RetryableNetworkFailure() =>
        Assert.Equal(SitOutcome.NetworkFailure, SitClassification.OutcomeOf(SitCategory.Unknown));

    [Fact]
    public void Constructor_InvalidOptions_ListsEveryProblem()
    {
        var options = new SpecialInformationToneDetectorOptions { MinimumToneShare = 0.4, LongSegmentMilliseconds = 500, AnnouncementMinimumBursts = 0 };

        Assert.Equal(3, options.Validate().Count);
        Assert.Throws<ArgumentException>(() => new SpecialInformationToneDetector(options));
        Assert.Empty(SpecialInformationToneDetectorOptions.Default.Validate());
    }
}
