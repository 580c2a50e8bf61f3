using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Cti.Sip.Messages;
using Cti.Sip.Parsing;

namespace Cti.Sip.Tests.Stack;

/// <summary>Raw-socket peers for loopback tests.</summary>
internal static class SipLoopback
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public static string Options(string branch, string viaHost = "10.9.9.9:5099", bool rport = true, string callId = "c1", string method = "OPTIONS", string viaTransport = "UDP") =>
        $"{method} sip:cti@127.0.0.1 SIP/2.0\r\n" +
        $"Via: SIP/2.0/{viaTransport} {viaHost};branch={branch}{(rport ? ";rport" : "")}\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: <sip:peer@cti.test>;tag=f1\r\n" +
        "To: <sip:cti@cti.test>\r\n" +
        $"Call-ID: {callId}\r\n" +
        $"CSeq: 1 {method}\r\n" +
        "Content-Length: 0\r\n\r\n";

    public static Socket UdpPeer()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    public static async Task<SipMessage> ReceiveAsync(Socket socket)
    {
        using var cts = new CancellationTokenSource(Wait);
        var buffer = new byte[65_535];
        var received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), cts.Token);
        var result = SipMessageParser.ParseDatagram(buffer.AsSpan(0, received.ReceivedBytes));
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Message;
    }

    public static async Task<(SipMessage Message, IPEndPoint From)> ReceiveWithSourceAsync(Socket socket)
    {
        using var cts = new CancellationTokenSource(Wait);
        var buffer = new byte[65_535];
        var received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), cts.Token);
        var result = SipMessageParser.ParseDatagram(buffer.AsSpan(0, received.ReceivedBytes));
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return (result.Message, (IPEndPoint)received.RemoteEndPoint);
    }

    public static Task SendAsync(Socket socket, string text, IPEndPoint to) =>
        socket.SendToAsync(Encoding.ASCII.GetBytes(text), SocketFlags.None, to);

    /// <summary>Reads framed SIP messages off a TCP stream.</summary>
    internal sealed class SipStreamReader(NetworkStream stream)
    {
        private readonly byte[] _buffer = new byte[65_535];
        private int _filled;

        public async Task<SipMessage> ReadMessageAsync()
        {
            using var cts = new CancellationTokenSource(Wait);
            while (true)
            {
                var sequence = new ReadOnlySequence<byte>(_buffer, 0, _filled);
                var status = SipMessageParser.TryParseStream(ref sequence, null, out var message, out var error);
                if (status == SipParseStatus.Complete)
                {
                    var consumed = _filled - (int)sequence.Length;
                    Buffer.BlockCopy(_buffer, consumed, _buffer, 0, _filled - consumed);
                    _filled -= consumed;
                    return message!;
                }

                Assert.NotEqual(SipParseStatus.Error, status);
                var read = await stream.ReadAsync(_buffer.AsMemory(_filled), cts.Token);
                Assert.True(read > 0, "connection closed");
                _filled += read;
            }
        }

        public async Task<byte[]> ReadBytesAsync(int count)
        {
            using var cts = new CancellationTokenSource(Wait);
            while (_filled < count)
            {
                var read = await stream.ReadAsync(_buffer.AsMemory(_filled), cts.Token);
                Assert.True(read > 0, "connection closed");
                _filled += read;
            }

            var result = _buffer[..count];
            Buffer.BlockCopy(_buffer, count, _buffer, 0, _filled - count);
            _filled -= count;
            return result;
        }

        /// <summary>True when the peer closes the connection (after consuming whatever is left).</summary>
        public async Task<bool> ClosedAsync()
        {
            using var cts = new CancellationTokenSource(Wait);
            while (true)
            {
                var read = await stream.ReadAsync(_buffer.AsMemory(_filled), cts.Token);
                if (read == 0)
                {
                    return true;
                }

                _filled += read;
            }
        }
    }
}
