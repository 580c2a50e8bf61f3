namespace Cti.Media.Audio;

/// <summary>
/// ITU-T G.711 µ-law and A-law companding. Decoding uses 256-entry tables; encoding uses 64 Ki-entry tables indexed by
/// the 16-bit sample, all computed once from the segment definitions of the recommendation.
/// </summary>
public static class G711
{
    /// <summary>Bytes in one 20 ms frame at 8 kHz.</summary>
    public const int SamplesPer20Ms = 160;

    private const int MuLawBias = 0x84;
    private const int MuLawClip = 32635;

    private static readonly short[] MuLawToLinear = BuildDecodeTable(DecodeMuLawSlow);
    private static readonly short[] ALawToLinear = BuildDecodeTable(DecodeALawSlow);
    private static readonly byte[] LinearToMuLaw = BuildEncodeTable(EncodeMuLawSlow);
    private static readonly byte[] LinearToALaw = BuildEncodeTable(EncodeALawSlow);

    /// <summary>µ-law byte for a 16-bit sample.</summary>
    public static byte EncodeMuLaw(short sample) => LinearToMuLaw[(ushort)sample];

    /// <summary>16-bit sample for a µ-law byte.</summary>
    public static short DecodeMuLaw(byte value) => MuLawToLinear[value];

    /// <summary>A-law byte for a 16-bit sample.</summary>
    public static byte EncodeALaw(short sample) => LinearToALaw[(ushort)sample];

    /// <summary>16-bit sample for an A-law byte.</summary>
    public static short DecodeALaw(byte value) => ALawToLinear[value];

    /// <summary>Encodes <paramref name="samples"/> into <paramref name="destination"/> (same length).</summary>
    public static void EncodeMuLaw(ReadOnlySpan<short> samples, Span<byte> destination) => Encode(LinearToMuLaw, samples, destination);

    /// <summary>Encodes <paramref name="samples"/> into <paramref name="destination"/> (same length).</summary>
    public static void EncodeALaw(ReadOnlySpan<short> samples, Span<byte> destination) => Encode(LinearToALaw, samples, destination);

    /// <summary>Decodes <paramref name="encoded"/> into <paramref name="destination"/> (same length).</summary>
    public static void DecodeMuLaw(ReadOnlySpan<byte> encoded, Span<short> destination) => Decode(MuLawToLinear, encoded, destination);

    /// <summary>Decodes <paramref name="encoded"/> into <paramref name="destination"/> (same length).</summary>
    public static void DecodeALaw(ReadOnlySpan<byte> encoded, Span<short> destination) => Decode(ALawToLinear, encoded, destination);

    /// <summary>Decodes <paramref name="encoded"/> in <paramref name="codec"/> into <paramref name="destination"/> (same length).</summary>
    public static void Decode(G711Codec codec, ReadOnlySpan<byte> encoded, Span<short> destination) =>
        Decode(codec == G711Codec.Pcma ? ALawToLinear : MuLawToLinear, encoded, destination);

    /// <summary>Encodes <paramref name="samples"/> in <paramref name="codec"/> into <paramref name="destination"/> (same length).</summary>
    public static void Encode(G711Codec codec, ReadOnlySpan<short> samples, Span<byte> destination) =>
        Encode(codec == G711Codec.Pcma ? LinearToALaw : LinearToMuLaw, samples, destination);

    /// <summary>The codec for an RTP payload type: true for 0 (PCMU) and 8 (PCMA), false for anything else.</summary>
    public static bool TryGetCodec(int payloadType, out G711Codec codec)
    {
        codec = payloadType == 8 ? G711Codec.Pcma : G711Codec.Pcmu;
        return payloadType is 0 or 8;
    }

    /// <summary>The silence byte of <paramref name="codec"/>.</summary>
    public static byte Silence(G711Codec codec) => codec == G711Codec.Pcma ? ALawSilence : MuLawSilence;

    /// <summary>The µ-law byte for silence.</summary>
    public const byte MuLawSilence = 0xFF;

    /// <summary>The A-law byte for silence.</summary>
    public const byte ALawSilence = 0xD5;

    private static void Encode(byte[] table, ReadOnlySpan<short> samples, Span<byte> destination)
    {
        if (destination.Length < samples.Length)
        {
            throw new ArgumentException("Destination is shorter than the input.", nameof(destination));
        }

        for (var i = 0; i < samples.Length; i++)
        {
            destination[i] = table[(ushort)samples[i]];
        }
    }

    private static void Decode(short[] table, ReadOnlySpan<byte> encoded, Span<short> destination)
    {
        if (destination.Length < encoded.Length)
        {
            throw new ArgumentException("Destination is shorter than the input.", nameof(destination));
        }

        for (var i = 0; i < encoded.Length; i++)
        {
            destination[i] = table[encoded[i]];
        }
    }

    private static short[] BuildDecodeTable(Func<byte, short> decode)
    {
        var table = new short[256];
        for (var i = 0; i < 256; i++)
        {
            table[i] = decode((byte)i);
        }

        return table;
    }

    private static byte[] BuildEncodeTable(Func<short, byte> encode)
    {
        var table = new byte[65536];
        for (var i = 0; i < 65536; i++)
        {
            table[i] = encode((short)(ushort)i);
        }

        return table;
    }

    // µ-law: magnitude plus bias, then a 3-bit segment (position of the leading one above bit 7) and a 4-bit step
    // within it; the code word is transmitted inverted.
    private static byte EncodeMuLawSlow(short sample)
    {
        int value = sample;
        var sign = 0;
        if (value < 0)
        {
            sign = 0x80;
            value = -value;
        }

        value = Math.Min(value, MuLawClip) + MuLawBias;
        var segment = 7;
        for (var mask = 0x4000; (value & mask) == 0 && segment > 0; mask >>= 1)
        {
            segment--;
        }

        var step = (value >> (segment + 3)) & 0x0F;
        return (byte)~(sign | (segment << 4) | step);
    }

    private static short DecodeMuLawSlow(byte code)
    {
        var inverted = ~code & 0xFF;
        var segment = (inverted >> 4) & 0x07;
        var step = inverted & 0x0F;
        var magnitude = (((step << 3) + MuLawBias) << segment) - MuLawBias;
        return (short)((inverted & 0x80) != 0 ? -magnitude : magnitude);
    }

    // A-law works on 13 bits: segment 0 and 1 share the same step size, higher segments double it; even bits are
    // inverted on the line (XOR 0x55) and the sign bit is set for positive values.
    private static byte EncodeALawSlow(short sample)
    {
        var value = sample >> 3;
        int signMask;
        if (value >= 0)
        {
            signMask = 0xD5;
        }
        else
        {
            signMask = 0x55;
            value = -value - 1;
        }

        var segment = 0;
        while (segment < 8 && value > ((0x20 << segment) - 1))
        {
            segment++;
        }

        if (segment >= 8)
        {
            return (byte)(0x7F ^ signMask);
        }

        var step = segment < 2 ? (value >> 1) & 0x0F : (value >> segment) & 0x0F;
        return (byte)(((segment << 4) | step) ^ signMask);
    }

    private static short DecodeALawSlow(byte code)
    {
        var value = code ^ 0x55;
        var step = (value & 0x0F) << 4;
        var segment = (value & 0x70) >> 4;
        var magnitude = segment switch
        {
            0 => step + 8,
            1 => step + 0x108,
            _ => (step + 0x108) << (segment - 1),
        };
        return (short)((value & 0x80) != 0 ? magnitude : -magnitude);
    }
}
