namespace Cti.Media.Audio;

/// <summary>The decoded contents of a WAV file: its format and raw sample bytes.</summary>
/// <param name="Format">The file's format.</param>
/// <param name="Data">The <c>data</c> chunk bytes (whole frames only).</param>
public sealed record WavAudio(WavFormat Format, ReadOnlyMemory<byte> Data)
{
    /// <summary>Duration of the audio.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)Data.Length / Format.BlockAlign / Format.SampleRate);

    /// <summary>
    /// The audio as 8 kHz mono G.711 bytes ready to be RTP payload, or null when it is not 8 kHz mono
    /// (convert with sox first; the relay does not resample).
    /// </summary>
    public byte[]? ToG711(WavEncoding law)
    {
        if (Format.SampleRate != 8000 || Format.Channels != 1 || law == WavEncoding.Pcm16)
        {
            return null;
        }

        var data = Data.Span;
        if (Format.Encoding == law)
        {
            return data.ToArray();
        }

        var samples = ToPcm16();
        var result = new byte[samples.Length];
        if (law == WavEncoding.MuLaw)
        {
            G711.EncodeMuLaw(samples, result);
        }
        else
        {
            G711.EncodeALaw(samples, result);
        }

        return result;
    }

    /// <summary>The samples as 16-bit linear PCM (interleaved when stereo).</summary>
    public short[] ToPcm16()
    {
        var data = Data.Span;
        switch (Format.Encoding)
        {
            case WavEncoding.MuLaw:
            {
                var s = new short[data.Length];
                G711.DecodeMuLaw(data, s);
                return s;
            }

            case WavEncoding.ALaw:
            {
                var s = new short[data.Length];
                G711.DecodeALaw(data, s);
                return s;
            }

            default:
            {
                var s = new short[data.Length / 2];
                for (var i = 0; i < s.Length; i++)
                {
                    s[i] = System.Buffers.Binary.BinaryPrimitives.ReadInt16LittleEndian(data[(2 * i)..]);
                }

                return s;
            }
        }
    }
}
