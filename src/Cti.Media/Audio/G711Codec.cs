namespace Cti.Media.Audio;

/// <summary>The two G.711 laws, valued as their static RTP payload types (RFC 3551).</summary>
public enum G711Codec
{
    /// <summary>µ-law, payload type 0.</summary>
    Pcmu = 0,

    /// <summary>A-law, payload type 8.</summary>
    Pcma = 8,
}
