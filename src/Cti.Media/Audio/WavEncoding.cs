namespace Cti.Media.Audio;

/// <summary>Sample encodings of the WAV files the service reads and writes.</summary>
public enum WavEncoding
{
    /// <summary>16-bit little-endian linear PCM (format tag 1).</summary>
    Pcm16 = 1,

    /// <summary>8-bit G.711 A-law (format tag 6).</summary>
    ALaw = 6,

    /// <summary>8-bit G.711 µ-law (format tag 7).</summary>
    MuLaw = 7,
}
