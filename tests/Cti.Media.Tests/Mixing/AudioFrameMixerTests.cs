using Cti.Media.Audio;
using Cti.Media.Mixing;

namespace Cti.Media.Tests.Mixing;

public sealed class AudioFrameMixerTests
{
    private const ulong Everyone = ulong.MaxValue;

    [Fact]
    public void Mix_TwoSpeakers_IsTheExactSampleSum()
    {
        var mixer = new AudioFrameMixer(3);
        var a = MixTestKit.Tone(600);
        var b = MixTestKit.Tone(1000);
        mixer.BeginFrame();
        mixer.SetInput(0, a);
        mixer.SetInput(1, b);
        var output = new short[AudioFrameMixer.FrameSamples];

        mixer.Mix(2, Everyone, output);

        Assert.Equal(a.Zip(b, (x, y) => (short)(x + y)), output);
    }

    [Fact]
    public void Mix_LoudPositiveSpeakers_SaturateAtShortMaxValue()
    {
        var mixer = new AudioFrameMixer(3);
        mixer.BeginFrame();
        mixer.SetInput(0, Filled(30000));
        mixer.SetInput(1, Filled(30000));
        var output = new short[AudioFrameMixer.FrameSamples];

        mixer.Mix(2, Everyone, output);

        Assert.All(output, s => Assert.Equal(short.MaxValue, s));
    }

    [Fact]
    public void Mix_LoudNegativeSpeakers_SaturateAtShortMinValue()
    {
        var mixer = new AudioFrameMixer(4);
        mixer.BeginFrame();
        mixer.SetInput(0, Filled(-20000));
        mixer.SetInput(1, Filled(-20000));
        mixer.SetInput(2, Filled(-20000));
        var output = new short[AudioFrameMixer.FrameSamples];

        mixer.Mix(3, Everyone, output);

        Assert.All(output, s => Assert.Equal(short.MinValue, s));
    }

    [Fact]
    public void Mix_OverflowCancelledByAThirdSpeaker_OnlyTheResultSaturates()
    {
        var mixer = new AudioFrameMixer(4);
        mixer.BeginFrame();
        mixer.SetInput(0, Filled(30000));
        mixer.SetInput(1, Filled(30000));
        mixer.SetInput(2, Filled(-30000));
        var output = new short[AudioFrameMixer.FrameSamples];

        mixer.Mix(3, Everyone, output);

        Assert.All(output, s => Assert.Equal(30000, s));
    }

    [Fact]
    public void Mix_ListenerInItsOwnMask_NeverHearsItself()
    {
        var mixer = new AudioFrameMixer(2);
        mixer.BeginFrame();
        mixer.SetInput(0, MixTestKit.Tone(600));
        mixer.SetInput(1, MixTestKit.Tone(1000));
        var output = new short[AudioFrameMixer.FrameSamples];

        mixer.Mix(0, 0b11, output);

        Assert.Equal(MixTestKit.Tone(1000), output);
    }

    [Fact]
    public void Mix_SpeakerWithoutInputThisFrame_CountsAsSilence()
    {
        var mixer = new AudioFrameMixer(3);
        mixer.BeginFrame();
        mixer.SetInput(0, MixTestKit.Tone(600));
        mixer.BeginFrame();
        mixer.SetInput(1, MixTestKit.Tone(1000));
        var output = new short[AudioFrameMixer.FrameSamples];

        mixer.Mix(2, Everyone, output);

        Assert.Equal(MixTestKit.Tone(1000), output);
        Assert.Equal(0b10UL, mixer.PresentMask);
    }

    [Fact]
    public void Mix_NobodyHeard_IsSilence()
    {
        var mixer = new AudioFrameMixer(2);
        mixer.BeginFrame();
        mixer.SetInput(0, MixTestKit.Tone(600));
        var output = Filled(123);

        mixer.Mix(1, 0, output);

        Assert.All(output, s => Assert.Equal(0, s));
    }

    [Fact]
    public void SetInput_ShortPayload_IsPaddedWithSilence()
    {
        var mixer = new AudioFrameMixer(2);
        mixer.BeginFrame();
        mixer.SetInput(0, Filled(5000));
        mixer.BeginFrame();
        mixer.SetInput(0, G711Codec.Pcmu, MixTestKit.Encode(Filled(5000)).AsSpan(0, 80));
        var output = new short[AudioFrameMixer.FrameSamples];

        mixer.Mix(1, Everyone, output);

        Assert.All(output[..80], s => Assert.InRange(s, 4800, 5200));
        Assert.All(output[80..], s => Assert.Equal(0, s));
    }

    [Theory]
    [InlineData(G711Codec.Pcmu)]
    [InlineData(G711Codec.Pcma)]
    public void MixEncoded_IsTheEncodedLinearMix(G711Codec codec)
    {
        var mixer = new AudioFrameMixer(3);
        mixer.BeginFrame();
        mixer.SetInput(0, G711Codec.Pcmu, MixTestKit.Encode(MixTestKit.Tone(600)));
        mixer.SetInput(1, G711Codec.Pcma, MixTestKit.Encode(MixTestKit.Tone(1000), G711Codec.Pcma));
        var linear = new short[AudioFrameMixer.FrameSamples];
        var encoded = new byte[AudioFrameMixer.FrameSamples];

        mixer.Mix(2, Everyone, linear);
        mixer.MixEncoded(2, Everyone, codec, encoded);

        Assert.Equal(MixTestKit.Encode(linear, codec), encoded);
        Assert.Equal("customer+agent", MixTestKit.Heard(MixTestKit.Decode(encoded, codec)));
    }

    [Fact]
    public void Mix_DestinationShorterThanAFrame_Throws()
    {
        var mixer = new AudioFrameMixer(2);
        Assert.Throws<ArgumentOutOfRangeException>(() => mixer.Mix(0, Everyone, new short[10]));
    }

    [Fact]
    public void Mix_RandomInputsAndHearingMasks_MatchAPlainSaturatedSum()
    {
        var random = new Random(20261202);
        const int Parties = 6;
        var mixer = new AudioFrameMixer(Parties);
        var inputs = new short[Parties][];
        var output = new short[AudioFrameMixer.FrameSamples];
        for (var round = 0; round < 300; round++)
        {
            mixer.BeginFrame();
            var present = (ulong)random.Next(0, 1 << Parties);
            for (var p = 0; p < Parties; p++)
            {
                inputs[p] = new short[AudioFrameMixer.FrameSamples];
                if ((present & (1UL << p)) != 0)
                {
                    // Loud enough for sums to saturate now and then.
                    inputs[p] = Enumerable.Range(0, AudioFrameMixer.FrameSamples).Select(_ => (short)random.Next(short.MinValue, short.MaxValue + 1)).ToArray();
                    mixer.SetInput(p, inputs[p]);
                }
            }

            for (var listener = 0; listener < Parties; listener++)
            {
                // Half the time "everyone", the conference shortcut; otherwise any mask.
                var hears = random.Next(2) == 0 ? ulong.MaxValue : (ulong)random.Next(0, 1 << Parties);
                mixer.Mix(listener, hears, output);
                for (var i = 0; i < AudioFrameMixer.FrameSamples; i++)
                {
                    var expected = 0;
                    for (var speaker = 0; speaker < Parties; speaker++)
                    {
                        if (speaker != listener && (hears & (1UL << speaker)) != 0)
                        {
                            expected += inputs[speaker][i];
                        }
                    }

                    Assert.Equal((short)Math.Clamp(expected, short.MinValue, short.MaxValue), output[i]);
                }
            }
        }
    }

    private static short[] Filled(short value) => Enumerable.Repeat(value, AudioFrameMixer.FrameSamples).ToArray();
}
