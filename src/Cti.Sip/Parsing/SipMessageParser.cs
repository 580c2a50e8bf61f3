using System.Buffers;
using Cti.Sip.Messages;

namespace Cti.Sip.Parsing;

/// <summary>
/// Stateless SIP message parser over bytes (RFC 3261 7 and 18.3). A datagram is one message and its end bounds
/// the message; a stream needs Content-Length and yields <see cref="SipParseStatus.NeedMoreData"/> without consuming
/// anything until a whole message has arrived. The parsed message holds one copy of its bytes plus an index of
/// header ranges; strings and typed values are created on first access.
/// </summary>
public static class SipMessageParser
{
    /// <summary>Parses one UDP datagram. Octets after Content-Length are dropped; without Content-Length the body runs to the end.</summary>
    public static SipParseResult ParseDatagram(ReadOnlySpan<byte> datagram, SipParserLimits? limits = null)
    {
        Parse(datagram, isDatagram: true, limits ?? SipParserLimits.Default, out var message, out var error, out _);
        return new SipParseResult(message, error);
    }

    /// <summary>
    /// Parses the next message from a stream buffer. <see cref="SipParseStatus.Complete"/> advances
    /// <paramref name="buffer"/> past the message (and any CRLFs before it); <see cref="SipParseStatus.NeedMoreData"/>
    /// and <see cref="SipParseStatus.Error"/> leave it untouched (after an error the connection should be closed).
    /// </summary>
    public static SipParseStatus TryParseStream(
        ref ReadOnlySequence<byte> buffer,
        SipParserLimits? limits,
        out SipMessage? message,
        out SipParseError? error)
    {
        limits ??= SipParserLimits.Default;
        SipParseStatus status;
        int consumed;
        if (buffer.IsSingleSegment)
        {
            status = Parse(buffer.FirstSpan, isDatagram: false, limits, out message, out error, out consumed);
        }
        else
        {
            // Leave room for keep-alive CRLFs before the message; anything longer fails the size limit anyway.
            var length = (int)Math.Min(buffer.Length, (long)limits.MaxMessageBytes + 1024);
            var rented = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                buffer.Slice(0, length).CopyTo(rented);
                status = Parse(rented.AsSpan(0, length), isDatagram: false, limits, out message, out error, out consumed);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        if (status == SipParseStatus.Complete)
        {
            buffer = buffer.Slice(consumed);
        }

        return status;
    }

    private static SipParseStatus Parse(
        ReadOnlySpan<byte> input,
        bool isDatagram,
        SipParserLimits limits,
        out SipMessage? message,
        out SipParseError? error,
        out int consumed)
    {
        message = null;
        error = null;
        consumed = 0;

        // RFC 3261 7.5: CRLFs before the start line are ignored (also keep-alives on a stream).
        var leading = 0;
        while (leading + 1 < input.Length && input[leading] == '\r' && input[leading + 1] == '\n')
        {
            leading += 2;
        }

        var data = input[leading..];
        if (data.IsEmpty || (!isDatagram && data.Length == 1 && data[0] == '\r'))
        {
            if (!isDatagram)
            {
                return SipParseStatus.NeedMoreData;
            }

            error = new SipParseError(SipParseErrorReason.EmptyMessage, "Empty Message");
            return SipParseStatus.Error;
        }

        var frame = new SipParseFrame(data, isDatagram, limits);
        try
        {
            var status = frame.Run(out message);
            if (status == SipParseStatus.Complete)
            {
                consumed = leading + frame.MessageEnd;
            }

            return status;
        }
        catch (SipParseException ex)
        {
            error = frame.BuildError(ex);
            message = null;
            return SipParseStatus.Error;
        }
        finally
        {
            frame.Dispose();
        }
    }
}
