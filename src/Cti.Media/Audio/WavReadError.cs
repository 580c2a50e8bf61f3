namespace Cti.Media.Audio;

/// <summary>Why a WAV file was not read.</summary>
public enum WavReadError
{
    /// <summary>Read successfully.</summary>
    None,

    /// <summary>Not a RIFF/WAVE file, or a chunk runs past the end.</summary>
    NotWave,

    /// <summary>No <c>fmt </c> or <c>data</c> chunk.</summary>
    MissingChunk,

    /// <summary>An encoding other than 16-bit PCM, µ-law or A-law.</summary>
    UnsupportedEncoding,
}
