using Cti.Media.Mixing;

namespace Cti.Media.Tests.Mixing;

public sealed class GoertzelDetectorTests
{
    [Fact]
    public void EnergyShare_PureToneOnItsFrequency_IsNearlyAll()
    {
        Assert.InRange(GoertzelDetector.EnergyShare(MixTestKit.Tone(1000), 1000), 0.95, 1.0);
    }

    [Fact]
    public void EnergyShare_PureToneElsewhere_IsNearlyNone()
    {
        Assert.InRange(GoertzelDetector.EnergyShare(MixTestKit.Tone(1000), 1400), 0, 0.01);
    }

    [Fact]
    public void EnergyShare_TwoEqualTones_HalfEach()
    {
        var mix = MixTestKit.Tone(600).Zip(MixTestKit.Tone(1000), (a, b) => (short)(a + b)).ToArray();

        Assert.InRange(GoertzelDetector.EnergyShare(mix, 600), 0.45, 0.55);
        Assert.InRange(GoertzelDetector.EnergyShare(mix, 1000), 0.45, 0.55);
        Assert.InRange(GoertzelDetector.EnergyShare(mix, 1400), 0, 0.01);
        Assert.False(GoertzelDetector.Dominates(mix, 600, minimumShare: 0.6));
    }

    [Fact]
    public void EnergyShare_TonesOneBinApart_AreToldApart()
    {
        var tone = MixTestKit.Tone(1000);

        Assert.InRange(GoertzelDetector.EnergyShare(tone, 1050), 0, 0.01);
        Assert.InRange(GoertzelDetector.EnergyShare(tone, 950), 0, 0.01);
    }

    [Fact]
    public void Dominates_ToneAfterG711RoundTrip_StillDetected()
    {
        var decoded = MixTestKit.Decode(MixTestKit.Encode(MixTestKit.Tone(600)));

        Assert.True(GoertzelDetector.Dominates(decoded, 600));
        Assert.False(GoertzelDetector.Dominates(decoded, 1000));
    }

    [Fact]
    public void Dominates_Silence_IsFalse()
    {
        var silence = new short[160];

        Assert.Equal(0, GoertzelDetector.EnergyShare(silence, 600));
        Assert.False(GoertzelDetector.Dominates(silence, 600));
    }

    [Fact]
    public void Dominates_FaintToneBelowTheLevel_IsFalse()
    {
        var faint = MixTestKit.Tone(600, amplitude: 50);

        Assert.True(GoertzelDetector.EnergyShare(faint, 600) > 0.9);
        Assert.False(GoertzelDetector.Dominates(faint, 600));
    }

    [Fact]
    public void Power_FullScaleToneOnABin_IsAboutNTimesAmplitudeOverTwoSquared()
    {
        var power = GoertzelDetector.Power(MixTestKit.Tone(1000, amplitude: 10000), 1000);
        var expected = Math.Pow(160 * 10000 / 2.0, 2);

        Assert.InRange(power, expected * 0.99, expected * 1.01);
    }
}
