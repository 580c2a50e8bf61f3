using Cti.Media.Audio;

namespace Cti.Media.Tests;

public sealed class G711Tests
{
    [Theory]
    [InlineData(0x00, -32124)]
    [InlineData(0x80, 32124)]
    [InlineData(0xFF, 0)]
    [InlineData(0x7F, 0)]
    [InlineData(0xF0, 120)]
    [InlineData(0x70, -120)]
    public void DecodeMuLaw_KnownCodes_GiveTableValues(byte code, short expected)
    {
        Assert.Equal(expected, G711.DecodeMuLaw(code));
    }

    [Theory]
    [InlineData(0xD5, 8)]
    [InlineData(0x55, -8)]
    [InlineData(0xAA, 32256)]
    [InlineData(0x2A, -32256)]
    [InlineData(0xC5, 264)]
    public void DecodeALaw_KnownCodes_GiveTableValues(byte code, short expected)
    {
        Assert.Equal(expected, G711.DecodeALaw(code));
    }

    [Theory]
    [InlineData(0, 0xFF, 0xD5)]
    [InlineData(-1, 0x7F, 0x55)]
    [InlineData(32767, 0x80, 0xAA)]
    [InlineData(-32768, 0x00, 0x2A)]
    public void Encode_KnownSamples_GiveTableCodes(short sample, byte mu, byte a)
    {
        Assert.Equal(mu, G711.EncodeMuLaw(sample));
        Assert.Equal(a, G711.EncodeALaw(sample));
    }

    [Fact]
    public void MuLaw_EverySample_RoundTripsWithinHalfAStep()
    {
        for (int x = short.MinValue; x <= short.MaxValue; x++)
        {
            var decoded = G711.DecodeMuLaw(G711.EncodeMuLaw((short)x));
            var magnitude = Math.Min(Math.Abs(x), 32635);

            // Half a quantisation step is at most 1/32 of the biased magnitude; beyond the clip level the clip error adds.
            var bound = ((magnitude + 132) / 32.0) + (Math.Abs(x) - magnitude) + 1;
            Assert.True(Math.Abs(x - decoded) <= bound, $"{x} -> {decoded}");
            Assert.True(Math.Sign(x) * Math.Sign((int)decoded) >= 0);
        }
    }

    [Fact]
    public void ALaw_EverySample_RoundTripsWithinHalfAStep()
    {
        for (int x = short.MinValue; x <= short.MaxValue; x++)
        {
            var decoded = G711.DecodeALaw(G711.EncodeALaw((short)x));
            var bound = Math.Max(16, Math.Abs(x) / 32.0 + 8);
            Assert.True(Math.Abs(x - decoded) <= bound, $"{x} -> {decoded}");
        }
    }

    [Fact]
    public void Encode_OfDecodedCode_GivesSameLevelBack()
    {
        for (var code = 0; code < 256; code++)
        {
            var mu = G711.DecodeMuLaw((byte)code);
            Assert.Equal(mu, G711.DecodeMuLaw(G711.EncodeMuLaw(mu)));
            var a = G711.DecodeALaw((byte)code);
            Assert.Equal((byte)code, G711.EncodeALaw(a));
        }
    }

    [Fact]
    public void SpanOverloads_MatchScalarFunctions()
    {
        var samples = ToneGenerator.HoldMelody().AsSpan(0, G711.SamplesPer20Ms).ToArray();
        var mu = new byte[samples.Length];
        var back = new short[samples.Length];

        G711.EncodeMuLaw(samples, mu);
        G711.DecodeMuLaw(mu, back);

        for (var i = 0; i < samples.Length; i++)
        {
            Assert.Equal(G711.EncodeMuLaw(samples[i]), mu[i]);
            Assert.Equal(G711.DecodeMuLaw(mu[i]), back[i]);
        }
    }
}
