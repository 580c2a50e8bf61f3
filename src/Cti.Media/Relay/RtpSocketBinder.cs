using System.Net;
using System.Net.Sockets;

namespace Cti.Media.Relay;

/// <summary>Allocates a port pair and binds its RTP and RTCP sockets, trying further pairs when another process holds one.</summary>
internal static class RtpSocketBinder
{
    /// <summary>
    /// <see cref="RtpRelayCreateError.None"/> with both sockets bound, or the reason nothing is held (every failed
    /// pair was released; <paramref name="onBindFailed"/> hears about each one).
    /// </summary>
    public static RtpRelayCreateError TryBind(
        RtpPortAllocator allocator,
        RtpRelayOptions options,
        Action<Exception, int> onBindFailed,
        out RtpPortPair pair,
        out Socket? rtp,
        out Socket? rtcp)
    {
        rtp = null;
        rtcp = null;
        for (var attempt = 0; attempt < options.MaxBindAttempts; attempt++)
        {
            if (!allocator.TryAllocate(out pair))
            {
                return RtpRelayCreateError.PortsExhausted;
            }

            try
            {
                rtp = Bind(options, pair.RtpPort);
                rtcp = Bind(options, pair.RtcpPort);
                return RtpRelayCreateError.None;
            }
            catch (SocketException ex)
            {
                onBindFailed(ex, pair.RtpPort);
                rtp?.Dispose();
                rtcp?.Dispose();
                rtp = null;
                rtcp = null;
                allocator.Release(pair);
            }
        }

        pair = default;
        return RtpRelayCreateError.BindFailed;
    }

    private static Socket Bind(RtpRelayOptions options, int port)
    {
        var socket = new Socket(options.BindAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.ReceiveBufferSize = options.SocketReceiveBufferBytes;
            socket.Bind(new IPEndPoint(options.BindAddress, port));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
