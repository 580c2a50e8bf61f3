using System.Net;
using System.Net.Sockets;

namespace Cti.Interop.Tests.Infrastructure;

/// <summary>Hands out loopback ports that are free for both UDP and TCP at the time of asking.</summary>
internal static class LoopbackPorts
{
    private static int _next = 20000 + (Environment.ProcessId % 200) * 100;

    public static int Next()
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var port = Interlocked.Increment(ref _next);
            if (port > 60000)
            {
                Interlocked.Exchange(ref _next, 20000);
                continue;
            }

            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException("no free loopback port");
    }

    /// <summary>A run of consecutive free ports (RTP ranges, or a SIP port with the TLS port after it).</summary>
    public static int NextBlock(int count)
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var first = Interlocked.Add(ref _next, count) - count + 1;
            if (first + count > 60000)
            {
                Interlocked.Exchange(ref _next, 20000);
                continue;
            }

            if (Enumerable.Range(first, count).All(IsFree))
            {
                return first;
            }
        }

        throw new InvalidOperationException("no free loopback port block");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
