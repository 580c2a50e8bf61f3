using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cti.Interop.Tests.Infrastructure;

/// <summary>
/// A bare TCP connection for sending hand-written SIP messages and reading the replies as text, framed by
/// Content-Length (compact <c>l:</c> included) the way a phone on TCP reads them.
/// </summary>
internal sealed class SipStreamClient : IDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly List<byte> _pending = [];

    private SipStreamClient(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    /// <summary>The local port of the connection (for Via and Contact).</summary>
    public int LocalPort => ((IPEndPoint)_client.Client.LocalEndPoint!).Port;

    public static async Task<SipStreamClient> ConnectAsync(int port, TimeSpan timeout)
    {
        var client = new TcpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cts.Token);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        return new SipStreamClient(client);
    }

    public async Task SendAsync(byte[] message) => await _stream.WriteAsync(message);

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

    /// <summary>The next whole message within the timeout, or null (also when the server closed the connection).</summary>
    public async Task<SipReply?> ReceiveAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buffer = new byte[8192];
        while (true)
        {
            if (TryTakeMessage() is { } text)
            {
                return SipReply.Parse(text);
            }

            int read;
            try
            {
                read = await _stream.ReadAsync(buffer, cts.Token);
            }
            catch (OperationCanceledException)
            {
                return null;
            }

            if (read == 0)
            {
                return null;
            }

            _pending.AddRange(buffer.AsSpan(0, read));
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        _client.Dispose();
    }

    private string? TryTakeMessage()
    {
        var text = Encoding.UTF8.GetString([.. _pending]);
        // Keep-alive CRLFs between messages carry nothing.
        var skipped = text.Length - text.TrimStart('\r', '\n').Length;
        text = text[skipped..];
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        var length = 0;
        foreach (var line in text[..end].Split("\r\n").Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = colon > 0 ? line[..colon].Trim() : string.Empty;
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) || name.Equals("l", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line[(colon + 1)..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        var total = end + 4 + length;
        if (text.Length < total)
        {
            return null;
        }

        _pending.RemoveRange(0, Encoding.UTF8.GetByteCount(text[..total]) + skipped);
        return text[..total];
    }
}
