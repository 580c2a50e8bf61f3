using Cti.Sip.Messages;

namespace Cti.Sip.Parsing;

/// <summary>
/// Header framing (RFC 3261 7.3): one pass over the header lines that records name and value ranges, joins folded
/// continuation lines, and rejects bare CR or LF, overlong lines and too many headers. No strings but interned names.
/// </summary>
internal static class SipHeaderScanner
{
    /// <summary>
    /// Indexes header lines from <paramref name="pos"/> up to the empty line. <paramref name="count"/> and
    /// <paramref name="scanned"/> advance line by line, so that after a rejection the error still carries what was read.
    /// </summary>
    public static SipParseStatus Scan(
        ReadOnlySpan<byte> data,
        int pos,
        bool isDatagram,
        SipParserLimits limits,
        SipHeaderEntry[] entries,
        ref int count,
        ref int scanned,
        out int bodyStart)
    {
        bodyStart = 0;
        while (true)
        {
            if (!isDatagram && pos > limits.MaxMessageBytes)
            {
                SipParseThrow.Reject(SipParseErrorReason.MessageTooLarge, "Message Too Large");
            }

            if (pos >= data.Length)
            {
                if (!isDatagram)
                {
                    return SipParseStatus.NeedMoreData;
                }

                // End of datagram ends the headers even without the empty line.
                bodyStart = data.Length;
                return SipParseStatus.Complete;
            }

            if (data[pos] == '\r')
            {
                if (pos + 1 >= data.Length)
                {
                    if (!isDatagram)
                    {
                        return SipParseStatus.NeedMoreData;
                    }

                    SipParseThrow.Reject(SipParseErrorReason.InvalidLineEnding, "Bare CR");
                }

                if (data[pos + 1] != '\n')
                {
                    SipParseThrow.Reject(SipParseErrorReason.InvalidLineEnding, "Bare CR");
                }

                bodyStart = pos + 2;
                return SipParseStatus.Complete;
            }

            // One scan finds the line end and any bare CR or LF before it.
            var rel = data[pos..].IndexOfAny((byte)'\r', (byte)'\n');
            int contentEnd;
            int next;
            if (rel < 0)
            {
                if (data.Length - pos > limits.MaxLineLength)
                {
                    SipParseThrow.Reject(SipParseErrorReason.LineTooLong, "Header Line Too Long");
                }

                if (!isDatagram)
                {
                    return SipParseStatus.NeedMoreData;
                }

                contentEnd = data.Length;
                next = data.Length;
            }
            else
            {
                contentEnd = pos + rel;
                if (data[contentEnd] == '\n')
                {
                    SipParseThrow.Reject(SipParseErrorReason.InvalidLineEnding, "Bare LF");
                }

                if (contentEnd + 1 >= data.Length)
                {
                    if (!isDatagram)
                    {
                        return SipParseStatus.NeedMoreData;
                    }

                    SipParseThrow.Reject(SipParseErrorReason.InvalidLineEnding, "Bare CR");
                }

                if (data[contentEnd + 1] != '\n')
                {
                    SipParseThrow.Reject(SipParseErrorReason.InvalidLineEnding, "Bare CR");
                }

                next = contentEnd + 2;
                if (contentEnd - pos > limits.MaxLineLength)
                {
                    SipParseThrow.Reject(SipParseErrorReason.LineTooLong, "Header Line Too Long");
                }

                // A header's last line is only complete once we know the next line is not a continuation.
                if (!isDatagram && next >= data.Length)
                {
                    return SipParseStatus.NeedMoreData;
                }
            }

            var line = data[pos..contentEnd];
            var valueEnd = contentEnd;
            while (valueEnd > pos && data[valueEnd - 1] is (byte)' ' or (byte)'\t')
            {
                valueEnd--;
            }

            if (line[0] is (byte)' ' or (byte)'\t')
            {
                // Continuation line (folding): extends the previous header's value.
                if (count == 0)
                {
                    SipParseThrow.Reject(SipParseErrorReason.InvalidHeaderLine, "Continuation Line Without Header");
                }

                ref var last = ref entries[count - 1];
                if (valueEnd > pos)
                {
                    last.ValueLength = valueEnd - last.ValueStart;
                    last.Folded = true;
                }
            }
            else
            {
                var nameEnd = line.IndexOfAnyExcept(SipTokenBytes.Token);
                if (nameEnd <= 0)
                {
                    SipParseThrow.Reject(SipParseErrorReason.InvalidHeaderLine, "Malformed Header Line");
                }

                var i = nameEnd;
                while (i < line.Length && line[i] is (byte)' ' or (byte)'\t')
                {
                    i++;
                }

                if (i >= line.Length || line[i] != ':')
                {
                    SipParseThrow.Reject(SipParseErrorReason.InvalidHeaderLine, "Malformed Header Line");
                }

                i++;
                while (i < line.Length && line[i] is (byte)' ' or (byte)'\t')
                {
                    i++;
                }

                if (count >= limits.MaxHeaderCount)
                {
                    SipParseThrow.Reject(SipParseErrorReason.TooManyHeaders, "Too Many Header Fields");
                }

                var valueStart = pos + i;
                entries[count++] = new SipHeaderEntry
                {
                    Name = SipHeaderNames.Lookup(line[..nameEnd]),
                    NameStart = pos,
                    NameLength = nameEnd,
                    ValueStart = valueStart,
                    ValueLength = Math.Max(0, valueEnd - valueStart),
                };
            }

            scanned = contentEnd;
            pos = next;
        }
    }
}
