using Cti.Media.Detection;

namespace Cti.Media.Tests.Detection;

/// <summary>
/// Special information tones, their look-alikes and recorded announcements made with sox and espeak-ng at test time,
/// decoded through A-law as the relay would deliver them. Every case must come out exactly.
/// </summary>
public sealed class SpecialInformationToneCorpusTests
{
    public static TheoryData<bool, bool, bool, bool, SitCategory, SitOutcome> Codings => new()
    {
        { false, false, false, false, SitCategory.Intercept, SitOutcome.InvalidNumber },
        { true, true, false, false, SitCategory.VacantCode, SitOutcome.InvalidNumber },
        { true, true, true, true, SitCategory.NoCircuit, SitOutcome.NetworkFailure },
        { false, true, false, true, SitCategory.NoCircuit, SitOutcome.NetworkFailure },
        { true, false, false, true, SitCategory.Reorder, SitOutcome.NetworkFailure },
        { false, false, true, true, SitCategory.Reorder, SitOutcome.NetworkFailure },
        { false, true, true, false, SitCategory.IneffectiveOther, SitOutcome.InvalidNumber },
        { true, false, true, false, SitCategory.Unknown, SitOutcome.NetworkFailure },
    };

    [Theory]
    [MemberData(nameof(Codings))]
    public void Sit_EveryCodingClean_ClassifiedExactly(bool firstHigh, bool firstLong, bool secondHigh, bool secondLong, SitCategory category, SitOutcome outcome)
    {
        var clip = EarlyMediaClips.Make([EarlyMediaClips.Silence(0.3), .. EarlyMediaClips.Sit(firstHigh, firstLong, secondHigh, secondLong), EarlyMediaClips.Silence(0.5)]);

        var result = DetectionRun.Sit(clip);

        Assert.Equal((outcome, category), (result.Outcome, result.Category));
    }

    [Theory]
    [MemberData(nameof(Codings))]
    public void Sit_EveryCodingNoisyOffNominalThenAnnouncement_ClassifiedExactly(bool firstHigh, bool firstLong, bool secondHigh, bool secondLong, SitCategory category, SitOutcome outcome)
    {
        // 5 % longer or shorter and 0.2 % off frequency (the Telcordia tolerances), under line noise, then the recording.
        var stretch = firstLong ? 0.95 : 1.05;
        var clip = EarlyMediaClips.Make(
            [EarlyMediaClips.Silence(0.13), .. EarlyMediaClips.Sit(firstHigh, firstLong, secondHigh, secondLong, stretch, detune: 1.002), EarlyMediaClips.Silence(0.2), EarlyMediaClips.Speech("en-us", "The number you have dialled is not in service.")],
            noise: "whitenoise 0.01");

        var result = DetectionRun.Sit(clip);

        Assert.Equal((outcome, category), (result.Outcome, result.Category));
    }

    [Fact]
    public void Sit_AfterAnswer_StillDetected()
    {
        var clip = EarlyMediaClips.Make([EarlyMediaClips.Silence(0.5), .. EarlyMediaClips.Sit(false, false, false, false), EarlyMediaClips.Silence(0.3)]);

        Assert.Equal(SitCategory.Intercept, DetectionRun.Sit(clip, answered: true).Category);
    }

    public static TheoryData<string, string[]> LookAlikes => new()
    {
        { "single 985.2 Hz tone", [EarlyMediaClips.Tone(1.0, 985.2)] },
        { "single 1776.7 Hz tone", [EarlyMediaClips.Tone(0.38, 1776.7)] },
        { "1 kHz beep", [EarlyMediaClips.Tone(0.5, 1000)] },
        { "DTMF 1 4 7 #", [EarlyMediaClips.Tone(0.1, 697, 1209), EarlyMediaClips.Silence(0.1), EarlyMediaClips.Tone(0.1, 770, 1209), EarlyMediaClips.Silence(0.1), EarlyMediaClips.Tone(0.1, 852, 1209), EarlyMediaClips.Silence(0.1), EarlyMediaClips.Tone(0.1, 941, 1477)] },
        { "DTMF held long: 0 then 9 then 3", [EarlyMediaClips.Tone(0.3, 941, 1336), EarlyMediaClips.Tone(0.3, 852, 1477), EarlyMediaClips.Tone(0.38, 697, 1477)] },
        { "chords", [EarlyMediaClips.Tone(0.3, 880, 1108.7, 1318.5), EarlyMediaClips.Tone(0.3, 987.8, 1244.5, 1480), EarlyMediaClips.Tone(0.4, 1318.5, 1661.2, 1975.5)] },
        { "SIT frequencies sounding together", [EarlyMediaClips.Tone(1.0, 913.8, 1370.6, 1776.7)] },
        { "SIT segments in reverse order", [EarlyMediaClips.Tone(0.38, 1776.7), EarlyMediaClips.Tone(0.274, 1370.6), EarlyMediaClips.Tone(0.274, 913.8)] },
        { "SIT segments a second each", [EarlyMediaClips.Tone(1, 913.8), EarlyMediaClips.Tone(1, 1370.6), EarlyMediaClips.Tone(1, 1776.7)] },
        { "SIT segments half a second apart", [EarlyMediaClips.Tone(0.274, 913.8), EarlyMediaClips.Silence(0.5), EarlyMediaClips.Tone(0.274, 1370.6), EarlyMediaClips.Silence(0.5), EarlyMediaClips.Tone(0.38, 1776.7)] },
        { "ITU dial tone then busy tone", [EarlyMediaClips.Tone(1, 425), EarlyMediaClips.Tone(0.5, 480, 620), EarlyMediaClips.Silence(0.5), EarlyMediaClips.Tone(0.5, 480, 620)] },
        { "speech", [EarlyMediaClips.Speech("en-us", "Hello, yes, this is the accounts department, how can I help you today?")] },
        { "Mandarin speech", [EarlyMediaClips.Speech("cmn", "喂，你好，请问你找谁？")] },
    };

    [Theory]
    [MemberData(nameof(LookAlikes))]
    public void Sit_LookAlikesAfterAnswer_NoTone(string name, string[] parts)
    {
        var clip = EarlyMediaClips.Make([EarlyMediaClips.Silence(0.2), .. parts, EarlyMediaClips.Silence(0.3)]);

        var result = DetectionRun.Sit(clip, answered: true);

        Assert.True(result.Outcome is SitOutcome.None or SitOutcome.Undecided, $"{name}: {result}");
        Assert.Equal(SitCategory.None, result.Category);
    }

    public static TheoryData<string, string[]> Announcements => new()
    {
        { "English out of service", [EarlyMediaClips.Speech("en-us", "We're sorry, the number you have dialled is not in service. Please check the number and dial again.")] },
        { "English switched off", [EarlyMediaClips.Speech("en-gb+f3", "The mobile phone you are calling is switched off. Please try again later.")] },
        { "Mandarin empty number", [EarlyMediaClips.Speech("cmn", "您好，您拨打的号码是空号，请查证后再拨。")] },
        { "Mandarin switched off", [EarlyMediaClips.Speech("cmn+f3", "对不起，您拨打的电话已关机，请稍后再拨。")] },
    };

    [Theory]
    [MemberData(nameof(Announcements))]
    public void Announcement_RecordedSpeechBeforeAnswer_IsAnnouncement(string name, string[] parts)
    {
        var clip = EarlyMediaClips.Make([EarlyMediaClips.Silence(0.4), .. parts], noise: "pinknoise 0.02");

        var result = DetectionRun.Sit(clip);

        Assert.True(result.Outcome == SitOutcome.Announcement, $"{name}: {result}");
    }

    public static TheoryData<string, string[]> Ringbacks => new()
    {
        { "China ringback 450 Hz 1 s on 4 s off", [EarlyMediaClips.Tone(1, 450), EarlyMediaClips.Silence(4), EarlyMediaClips.Tone(1, 450), EarlyMediaClips.Silence(4), EarlyMediaClips.Tone(1, 450)] },
        { "North American ringback 440+480 Hz 2 s on 4 s off", [EarlyMediaClips.Tone(2, 440, 480), EarlyMediaClips.Silence(4), EarlyMediaClips.Tone(2, 440, 480), EarlyMediaClips.Silence(4), EarlyMediaClips.Tone(2, 440, 480)] },
        { "UK ringback 400+450 Hz double ring", [EarlyMediaClips.Tone(0.4, 400, 450), EarlyMediaClips.Silence(0.2), EarlyMediaClips.Tone(0.4, 400, 450), EarlyMediaClips.Silence(2), EarlyMediaClips.Tone(0.4, 400, 450), EarlyMediaClips.Silence(0.2), EarlyMediaClips.Tone(0.4, 400, 450), EarlyMediaClips.Silence(2), EarlyMediaClips.Tone(0.4, 400, 450), EarlyMediaClips.Silence(0.2), EarlyMediaClips.Tone(0.4, 400, 450)] },
        { "European ringback 425 Hz", [EarlyMediaClips.Tone(1, 425), EarlyMediaClips.Silence(4), EarlyMediaClips.Tone(1, 425), EarlyMediaClips.Silence(4), EarlyMediaClips.Tone(1, 425)] },
        { "silence", [EarlyMediaClips.Silence(6)] },
    };

    [Theory]
    [MemberData(nameof(Ringbacks))]
    public void Announcement_RingbackBeforeAnswer_Undecided(string name, string[] parts)
    {
        var clip = EarlyMediaClips.Make(parts, noise: "whitenoise 0.01");

        var result = DetectionRun.Sit(clip);

        Assert.True(result.Outcome == SitOutcome.Undecided, $"{name}: {result}");
    }
}
