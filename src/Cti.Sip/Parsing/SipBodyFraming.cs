namespace Cti.Sip.Parsing;

/// <summary>
/// Where the body ends (RFC 3261 18.3 and 20.14): by Content-Length, or on a datagram by its end. A stream needs
/// Content-Length and waits for the whole body.
/// </summary>
internal static class SipBodyFraming
{
    /// <summary>Sets <paramref name="end"/> past the body; a Content-Length of -1 means the header is absent.</summary>
    public static SipParseStatus FindEnd(
        int contentLength,
        int bodyStart,
        int dataLength,
        bool isDatagram,
        SipParserLimits limits,
        out int end)
    {
        var available = dataLength - bodyStart;
        if (contentLength >= 0)
        {
            if (contentLength > limits.MaxBodyBytes)
            {
                SipParseThrow.Reject(SipParseErrorReason.BodyTooLarge, "Body Too Large");
            }

            if ((long)bodyStart + contentLength > limits.MaxMessageBytes)
            {
                SipParseThrow.Reject(SipParseErrorReason.MessageTooLarge, "Message Too Large");
            }

            if (available < contentLength)
            {
                if (isDatagram)
                {
                    SipParseThrow.Reject(SipParseErrorReason.TruncatedBody, "Body Shorter Than Content-Length");
                }

                end = 0;
                return SipParseStatus.NeedMoreData;
            }

            end = bodyStart + contentLength;
        }
        else
        {
            if (!isDatagram)
            {
                SipParseThrow.Reject(SipParseErrorReason.MissingContentLength, "Missing Content-Length");
            }

            if (available > limits.MaxBodyBytes)
            {
                SipParseThrow.Reject(SipParseErrorReason.BodyTooLarge, "Body Too Large");
            }

            end = dataLength;
        }

        return SipParseStatus.Complete;
    }

    public static int ParseContentLength(ReadOnlySpan<byte> raw)
    {
        raw = raw.Trim(" \t\r\n"u8);
        if (raw.IsEmpty || raw.Length > 10)
        {
            SipParseThrow.Reject(SipParseErrorReason.InvalidContentLength, "Malformed Content-Length");
        }

        long value = 0;
        foreach (var b in raw)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                SipParseThrow.Reject(SipParseErrorReason.InvalidContentLength, "Malformed Content-Length");
            }

            value = (value * 10) + (b - '0');
        }

        return value > int.MaxValue
            ? SipParseThrow.Reject<int>(SipParseErrorReason.InvalidContentLength, "Malformed Content-Length")
            : (int)value;
    }
}
