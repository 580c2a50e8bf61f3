using System.Net;
using System.Net.Sockets;

namespace Cti.Host.Tests.Calls;

/// <summary>A run of consecutive loopback UDP ports, starting on an even one, that were all free when asked.</summary>
internal static class MediaPortBlock
{
    public static int Find(int count)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var first = 40000 + (2 * Random.Shared.Next(0, 10000 - count));
            var sockets = new List<Socket>(count);
            try
            {
                for (var port = first; port < first + count; port++)
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                    sockets.Add(socket);
                    socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
                }

                return first;
            }
            catch (SocketException)
            {
            }
            finally
            {
                foreach (var socket in sockets)
                {
                    socket.Dispose();
                }
            }
        }

        throw new InvalidOperationException("no free run of loopback UDP ports");
    }
}
