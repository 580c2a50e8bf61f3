using System.Buffers;
using System.Text;
using Cti.Sip.Messages;

namespace Cti.Sip.Parsing;

/// <summary>Request-Line and Status-Line (RFC 3261 7.1 and 7.2), checked byte by byte.</summary>
internal static class SipStartLineParser
{
    private static readonly SearchValues<byte> UriForbidden = SearchValues.Create(" \t\r\n"u8);

    /// <summary>
    /// Finds the end of the start line (a datagram without LF is all start line). False: a stream needs more data.
    /// </summary>
    public static bool TryLocate(
        ReadOnlySpan<byte> data,
        bool isDatagram,
        SipParserLimits limits,
        out int lineEnd,
        out int headersStart)
    {
        var lf = data.IndexOf((byte)'\n');
        if (lf < 0)
        {
            if (!isDatagram)
            {
                if (data.Length > limits.MaxLineLength)
                {
                    SipParseThrow.Reject(SipParseErrorReason.LineTooLong, "Start Line Too Long");
                }

                lineEnd = 0;
                headersStart = 0;
                return false;
            }

            lineEnd = data.Length;
            headersStart = data.Length;
        }
        else
        {
            if (lf == 0 || data[lf - 1] != '\r')
            {
                SipParseThrow.Reject(SipParseErrorReason.InvalidLineEnding, "Bare LF In Start Line");
            }

            lineEnd = lf - 1;
            headersStart = lf + 1;
        }

        if (lineEnd > limits.MaxLineLength)
        {
            SipParseThrow.Reject(SipParseErrorReason.LineTooLong, "Start Line Too Long");
        }

        return true;
    }

    /// <summary>
    /// Parses the start line. <paramref name="method"/> is set as soon as the method is known so that a 400 for a
    /// later fault still names it.
    /// </summary>
    public static SipStartLine Parse(ReadOnlySpan<byte> line, bool isRequest, ref string? method)
    {
        var result = default(SipStartLine);
        var sp1 = line.IndexOf((byte)' ');
        if (sp1 <= 0)
        {
            SipParseThrow.Reject(SipParseErrorReason.InvalidStartLine, "Malformed Start Line");
        }

        if (!isRequest)
        {
            // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase
            result.Version = ParseVersion(line[..sp1]);
            var rest = line[(sp1 + 1)..];
            if (rest.Length < 3 || !IsDigits(rest[..3]) || (rest.Length > 3 && rest[3] != ' ') || rest[0] == '0')
            {
                SipParseThrow.Reject(SipParseErrorReason.InvalidStatusCode, "Status Code Must Be Three Digits");
            }

            result.StatusCode = ((rest[0] - '0') * 100) + ((rest[1] - '0') * 10) + (rest[2] - '0');
            if (result.StatusCode > 699)
            {
                SipParseThrow.Reject(SipParseErrorReason.InvalidStatusCode, "Status Code Out Of Range");
            }

            var reason = rest.Length > 4 ? rest[4..] : default;
            if (reason.IndexOfAny((byte)'\r', (byte)'\n') >= 0)
            {
                SipParseThrow.Reject(SipParseErrorReason.InvalidLineEnding, "Bare CR In Reason Phrase");
            }

            result.Reason = reason.IsEmpty ? string.Empty : Encoding.UTF8.GetString(reason);
            return result;
        }

        // Request-Line = Method SP Request-URI SP SIP-Version: exactly one SP between elements.
        var methodBytes = line[..sp1];
        if (methodBytes.ContainsAnyExcept(SipTokenBytes.Token))
        {
            SipParseThrow.Reject(SipParseErrorReason.InvalidMethod, "Malformed Method");
        }

        method = result.Method = SipMethods.Intern(methodBytes);
        result.IsRequest = true;
        var afterMethod = line[(sp1 + 1)..];
        var sp2 = afterMethod.IndexOf((byte)' ');
        if (sp2 == 0)
        {
            SipParseThrow.Reject(SipParseErrorReason.InvalidStartLine, "Multiple SP In Request-Line");
        }

        if (sp2 < 0)
        {
            SipParseThrow.Reject(SipParseErrorReason.InvalidStartLine, "Malformed Request-Line");
        }

        var versionPart = afterMethod[(sp2 + 1)..];
        if (versionPart.Length > 0 && versionPart[^1] == ' ')
        {
            SipParseThrow.Reject(SipParseErrorReason.InvalidStartLine, "Trailing SP In Request-Line");
        }

        if (versionPart.Contains((byte)' '))
        {
            // "sip:user@example.com; lr SIP/2.0": the URI itself holds LWS.
            SipParseThrow.Reject(SipParseErrorReason.InvalidRequestUri, "Whitespace In Request-URI");
        }

        var uri = afterMethod[..sp2];
        if (uri.ContainsAny(UriForbidden) || uri[0] == '<')
        {
            SipParseThrow.Reject(SipParseErrorReason.InvalidRequestUri, "Malformed Request-URI");
        }

        result.UriStart = sp1 + 1;
        result.UriLength = sp2;
        result.Version = ParseVersion(versionPart);
        return result;
    }

    // SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT
    private static string ParseVersion(ReadOnlySpan<byte> version)
    {
        if (version.SequenceEqual("SIP/2.0"u8))
        {
            return "SIP/2.0";
        }

        var dot = version.IndexOf((byte)'.');
        if (version.Length < 7 || !Ascii.EqualsIgnoreCase(version[..4], "SIP/"u8) || dot < 5
            || !IsDigits(version[4..dot]) || !IsDigits(version[(dot + 1)..]))
        {
            SipParseThrow.Reject(SipParseErrorReason.InvalidVersion, "Malformed SIP-Version");
        }

        return "SIP/" + Encoding.ASCII.GetString(version[4..]);
    }

    private static bool IsDigits(ReadOnlySpan<byte> span)
    {
        if (span.IsEmpty)
        {
            return false;
        }

        foreach (var b in span)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return true;
    }
}
