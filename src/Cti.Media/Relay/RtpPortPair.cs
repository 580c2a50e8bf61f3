namespace Cti.Media.Relay;

/// <summary>An allocated RTP port (even) and its RTCP port (RTP + 1).</summary>
/// <param name="RtpPort">Even RTP port.</param>
public readonly record struct RtpPortPair(int RtpPort)
{
    /// <summary>RTCP port, <see cref="RtpPort"/> + 1 (RFC 3550 §11).</summary>
    public int RtcpPort => RtpPort + 1;
}
