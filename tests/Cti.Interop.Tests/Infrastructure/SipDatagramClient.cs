using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cti.Interop.Tests.Infrastructure;

/// <summary>A bare UDP socket for replaying byte-exact datagrams and reading the replies as text.</summary>
internal sealed class SipDatagramClient : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

    public SipDatagramClient(string localAddress = "127.0.0.1")
    {
        _socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
    }

    /// <summary>The local port the socket is bound to (for Via and Contact).</summary>
    public int LocalPort => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    public async Task SendAsync(byte[] datagram, int port)
        => await _socket.SendToAsync(datagram, SocketFlags.None, new IPEndPoint(IPAddress.Loopback, port));

    /// <summary>The next reply within the timeout, or null.</summary>
    public async Task<SipReply?> ReceiveAsync(TimeSpan timeout)
    {
        var buffer = new byte[65536];
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            var result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), cts.Token);
            return SipReply.Parse(Encoding.UTF8.GetString(buffer, 0, result.ReceivedBytes));
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Skips provisional replies and returns the first final one within the timeout, or null.</summary>
    public async Task<SipReply?> ReceiveFinalAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var reply = await ReceiveAsync(timeout - clock.Elapsed);
            if (reply is null || reply.StatusCode >= 200)
            {
                return reply;
            }
        }

        return null;
    }

    /// <summary>
    /// Sends a non-INVITE request and waits for its final reply, retransmitting as a SIP client does over UDP
    /// (RFC 3261 Timer E: 500 ms, doubling up to 4 s) so that one datagram lost to a full socket buffer does not
    /// read as a dead service. Null when nothing final came within the timeout.
    /// </summary>
    public async Task<SipReply?> RequestAsync(byte[] datagram, int port, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var interval = TimeSpan.FromMilliseconds(500);
        while (clock.Elapsed < timeout)
        {
            await SendAsync(datagram, port);
            var wait = TimeSpan.FromTicks(Math.Min(interval.Ticks, (timeout - clock.Elapsed).Ticks));
            if (wait > TimeSpan.Zero && await ReceiveFinalAsync(wait) is { } reply)
            {
                return reply;
            }

            interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, TimeSpan.FromSeconds(4).Ticks));
        }

        return null;
    }

    public void Dispose() => _socket.Dispose();
}

/// <summary>A reply read as text: status and headers with compact names expanded.</summary>
internal sealed record SipReply(int StatusCode, string Reason, IReadOnlyList<KeyValuePair<string, string>> Headers, string Raw)
{
    private static readonly Dictionary<string, string> Compact = new(StringComparer.OrdinalIgnoreCase)
    {
        ["v"] = "Via", ["f"] = "From", ["t"] = "To", ["i"] = "Call-ID", ["m"] = "Contact", ["l"] = "Content-Length",
        ["c"] = "Content-Type", ["k"] = "Supported", ["e"] = "Content-Encoding", ["s"] = "Subject",
    };

    public IEnumerable<string> All(string name)
        => Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

    public string? First(string name) => All(name).FirstOrDefault();

    /// <summary>Via values one per hop, whether the server wrote them as separate lines or comma-joined.</summary>
    public int ViaCount => All("Via").Sum(v => v.Split(',').Length);

    public static SipReply Parse(string text)
    {
        var lines = text.Split("\r\n");
        var status = lines[0].Split(' ', 3);
        if (status.Length < 2 || status[0] != "SIP/2.0" || !int.TryParse(status[1], out var code))
        {
            throw new FormatException("not a SIP response: " + lines[0]);
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1).TakeWhile(l => l.Length > 0))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            headers.Add(new(Compact.GetValueOrDefault(name, name), line[(colon + 1)..].Trim()));
        }

        return new SipReply(code, status.Length > 2 ? status[2] : string.Empty, headers, text);
    }
}
