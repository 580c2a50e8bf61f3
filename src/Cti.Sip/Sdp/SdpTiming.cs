namespace Cti.Sip.Sdp;

/// <summary>A <c>t=</c> line; SIP always uses <c>t=0 0</c> (unbounded session).</summary>
/// <param name="Start">NTP start time, 0 for unbounded.</param>
/// <param name="Stop">NTP stop time, 0 for unbounded.</param>
public sealed record SdpTiming(ulong Start, ulong Stop)
{
    /// <summary><c>t=0 0</c>.</summary>
    public static SdpTiming Unbounded { get; } = new(0, 0);
}
