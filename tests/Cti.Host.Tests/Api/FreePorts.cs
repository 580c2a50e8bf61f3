using System.Net;
using System.Net.Sockets;

namespace Cti.Host.Tests.Api;

/// <summary>Loopback ports that are free for both TCP and UDP when asked.</summary>
internal static class FreePorts
{
    public static int Next()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)tcp.LocalEndPoint!).Port;
            try
            {
                using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
            }
        }

        throw new InvalidOperationException("no free loopback port");
    }
}
