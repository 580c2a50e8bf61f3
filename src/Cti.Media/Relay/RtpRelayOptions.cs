using System.Net;

namespace Cti.Media.Relay;

/// <summary>Relay settings shared by every relayed call (bound from configuration section <c>Media:Relay</c>).</summary>
public sealed class RtpRelayOptions
{
    /// <summary>Local address the RTP/RTCP sockets bind to. Default any IPv4 address.</summary>
    public IPAddress BindAddress { get; set; } = IPAddress.Any;

    /// <summary>
    /// When false (default) the relay latches only to packets whose source IP is the one signalled in SDP (the port may
    /// differ, which is what NAT does). When true, the first packet from any address is accepted: needed when phones sit
    /// behind NAT with a private address in their SDP.
    /// </summary>
    public bool LatchAnySource { get; set; }

    /// <summary>
    /// After this long without packets from the latched address, a packet from another acceptable source re-latches
    /// (a NAT binding changed). Default 2 s.
    /// </summary>
    public TimeSpan RelatchAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Packetisation time of played-back prompts and music. Default 20 ms.</summary>
    public TimeSpan PlaybackPtime { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Kernel receive buffer per socket in bytes. Default 256 KiB.</summary>
    public int SocketReceiveBufferBytes { get; set; } = 256 * 1024;

    /// <summary>How many port pairs to try when a bind fails because another process holds the port. Default 8.</summary>
    public int MaxBindAttempts { get; set; } = 8;

    /// <summary>Returns every configuration error (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (BindAddress is null)
        {
            errors.Add("BindAddress is required.");
        }

        if (RelatchAfter < TimeSpan.Zero)
        {
            errors.Add("RelatchAfter must not be negative.");
        }

        if (PlaybackPtime < TimeSpan.FromMilliseconds(10) || PlaybackPtime > TimeSpan.FromMilliseconds(60)
            || PlaybackPtime.TotalMilliseconds % 10 != 0)
        {
            errors.Add("PlaybackPtime must be 10, 20, 30, 40, 50 or 60 ms.");
        }

        if (SocketReceiveBufferBytes < 8192)
        {
            errors.Add("SocketReceiveBufferBytes must be at least 8192.");
        }

        if (MaxBindAttempts < 1)
        {
            errors.Add("MaxBindAttempts must be at least 1.");
        }

        return errors;
    }
}
