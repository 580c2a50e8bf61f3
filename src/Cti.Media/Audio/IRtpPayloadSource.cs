namespace Cti.Media.Audio;

/// <summary>Produces G.711 payload for playback: one call per packet, from the relay's pacing timer.</summary>
public interface IRtpPayloadSource
{
    /// <summary>The law of the bytes written by <see cref="ReadFrame"/> (µ-law or A-law); the relay converts if the leg uses the other.</summary>
    WavEncoding Encoding { get; }

    /// <summary>Fills <paramref name="destination"/> with the next samples (one byte per 8 kHz sample).</summary>
    void ReadFrame(Span<byte> destination);
}
