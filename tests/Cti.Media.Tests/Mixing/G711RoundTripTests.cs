using Cti.Media.Audio;

namespace Cti.Media.Tests.Mixing;

public sealed class G711RoundTripTests
{
    [Fact]
    public void MuLaw_All256CodeWords_DecodeAndEncodeBackToThemselves()
    {
        for (var code = 0; code < 256; code++)
        {
            var linear = G711.DecodeMuLaw((byte)code);
            // 0x7F is µ-law's negative zero: it decodes to 0, which encodes as the positive zero 0xFF.
            var expected = code == 0x7F ? (byte)0xFF : (byte)code;
            Assert.True(expected == G711.EncodeMuLaw(linear), $"µ-law 0x{code:X2} → {linear} → 0x{G711.EncodeMuLaw(linear):X2}");
        }
    }

    [Fact]
    public void ALaw_All256CodeWords_DecodeAndEncodeBackToThemselves()
    {
        for (var code = 0; code < 256; code++)
        {
            var linear = G711.DecodeALaw((byte)code);
            Assert.True((byte)code == G711.EncodeALaw(linear), $"A-law 0x{code:X2} → {linear} → 0x{G711.EncodeALaw(linear):X2}");
        }
    }

    [Theory]
    [InlineData(G711Codec.Pcmu)]
    [InlineData(G711Codec.Pcma)]
    public void SpanCodec_All256CodeWords_MatchTheScalarTables(G711Codec codec)
    {
        var codes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var linear = new short[256];
        var again = new byte[256];

        G711.Decode(codec, codes, linear);
        G711.Encode(codec, linear, again);

        for (var i = 0; i < 256; i++)
        {
            var scalar = codec == G711Codec.Pcma ? G711.DecodeALaw(codes[i]) : G711.DecodeMuLaw(codes[i]);
            Assert.Equal(scalar, linear[i]);
            Assert.Equal(codec == G711Codec.Pcma ? G711.EncodeALaw(linear[i]) : G711.EncodeMuLaw(linear[i]), again[i]);
        }
    }

    [Theory]
    [InlineData(0, true, G711Codec.Pcmu)]
    [InlineData(8, true, G711Codec.Pcma)]
    [InlineData(101, false, G711Codec.Pcmu)]
    [InlineData(9, false, G711Codec.Pcmu)]
    public void TryGetCodec_PayloadType_OnlyG711Accepted(int payloadType, bool accepted, G711Codec expected)
    {
        Assert.Equal(accepted, G711.TryGetCodec(payloadType, out var codec));
        Assert.Equal(expected, codec);
    }

    [Theory]
    [InlineData(G711Codec.Pcmu)]
    [InlineData(G711Codec.Pcma)]
    public void Silence_DecodesToNearZero(G711Codec codec)
    {
        Span<short> linear = stackalloc short[1];
        G711.Decode(codec, [G711.Silence(codec)], linear);
        Assert.InRange(linear[0], -8, 8);
    }
}
