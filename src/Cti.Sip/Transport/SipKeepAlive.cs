using System.Buffers;

namespace Cti.Sip.Transport;

/// <summary>CRLF keep-alives (RFC 5626 §3.5.1): a CRLFCRLF ping is answered with a CRLF pong.</summary>
internal static class SipKeepAlive
{
    public static ReadOnlyMemory<byte> Pong { get; } = "\r\n"u8.ToArray();

    /// <summary>True for a datagram made only of CR and LF octets (UDP keep-alive, ignored).</summary>
    public static bool IsKeepAliveDatagram(ReadOnlySpan<byte> datagram) =>
        datagram.Length > 0 && datagram.IndexOfAnyExcept((byte)'\r', (byte)'\n') < 0;

    /// <summary>
    /// Consumes a leading ping (CRLFCRLF, sets <paramref name="ping"/>) or a lone CRLF pong followed by other bytes.
    /// Returns false when the buffer does not start with CRLF or more bytes are needed to decide.
    /// </summary>
    public static bool TryConsume(ref ReadOnlySequence<byte> buffer, out bool ping)
    {
        ping = false;
        Span<byte> head = stackalloc byte[4];
        var length = (int)Math.Min(4, buffer.Length);
        buffer.Slice(0, length).CopyTo(head);
        if (length < 2 || head[0] != '\r' || head[1] != '\n')
        {
            return false;
        }

        if (length == 4 && head[2] == '\r' && head[3] == '\n')
        {
            ping = true;
            buffer = buffer.Slice(4);
            return true;
        }

        if (length >= 3 && head[2] != '\r')
        {
            buffer = buffer.Slice(2);
            return true;
        }

        return false;
    }
}
