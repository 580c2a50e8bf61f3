namespace Cti.Media.Detection;

/// <summary>
/// The Telcordia (GR-1162) meanings of a special information tone, coded by the frequency (low/high) and length
/// (274/380 ms) of its first two segments; ITU-T E.180 defines the tone without the coding.
/// </summary>
public enum SitCategory
{
    /// <summary>No tone recognised.</summary>
    None,

    /// <summary>IC: number changed or disconnected (short low, short low, long low).</summary>
    Intercept,

    /// <summary>VC: unassigned code or prefix (long high, short low, long low).</summary>
    VacantCode,

    /// <summary>NC: all circuits busy, network management (long high, long high or long low, long low).</summary>
    NoCircuit,

    /// <summary>RO: call failure in the network, e.g. no wink or partial digits (short high, long low or short low, long high).</summary>
    Reorder,

    /// <summary>IO: general misdialling or other failure (long low, short high, long low).</summary>
    IneffectiveOther,

    /// <summary>A valid three-segment tone whose coding is reserved or non-standard (as sent by many non-US networks).</summary>
    Unknown,
}
