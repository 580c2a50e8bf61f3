using Cti.Sip.Messages;

namespace Cti.Sip.Parsing;

/// <summary>
/// Why a message was rejected, plus the raw Via, From, To, Call-ID and CSeq lines the parser could read,
/// which is what a stateless error response needs (RFC 3261 8.2.6.2).
/// </summary>
public sealed class SipParseError
{
    internal SipParseError(SipParseErrorReason reason, string detail)
    {
        Reason = reason;
        Detail = detail;
    }

    public SipParseErrorReason Reason { get; }

    /// <summary>Short text naming the fault; used as the reason phrase of the error response.</summary>
    public string Detail { get; }

    /// <summary>The status a server answers with: 400, or 513 for a size limit.</summary>
    public int StatusCode => StatusCodeFor(Reason);

    /// <summary>True when the start line looked like a request (a response is never answered).</summary>
    public bool IsRequest { get; internal set; }

    /// <summary>Request method, when the Request-Line got that far.</summary>
    public string? Method { get; internal set; }

    /// <summary>Every Via line in order.</summary>
    public IReadOnlyList<string> Vias { get; internal set; } = [];

    public string? From { get; internal set; }

    public string? To { get; internal set; }

    public string? CallId { get; internal set; }

    public string? CSeq { get; internal set; }

    public static int StatusCodeFor(SipParseErrorReason reason) => reason switch
    {
        SipParseErrorReason.MessageTooLarge or SipParseErrorReason.TooManyHeaders
            or SipParseErrorReason.LineTooLong or SipParseErrorReason.BodyTooLarge => 513,
        _ => 400,
    };

    /// <summary>
    /// A stateless error response (status <see cref="StatusCode"/>, reason phrase <see cref="Detail"/>)
    /// copying the raw Via, From, To, Call-ID and CSeq lines; null for a response or when no Via was read
    /// (there is nowhere to send it). ACK is never answered.
    /// </summary>
    public SipResponse? CreateErrorResponse(string? toTag = null)
    {
        if (!IsRequest || Vias.Count == 0 || Method == SipMethods.Ack)
        {
            return null;
        }

        var response = new SipResponse(StatusCode, Detail);
        foreach (var via in Vias)
        {
            response.Headers.Add(SipHeaderNames.Via, via);
        }

        if (From is not null)
        {
            response.Headers.Add(SipHeaderNames.From, From);
        }

        if (To is not null)
        {
            var to = To;
            if (toTag is not null)
            {
                if (SipNameAddr.TryParse(To, out var parsed))
                {
                    if (parsed.Tag is null)
                    {
                        parsed.Tag = toTag;
                        to = parsed.ToString();
                    }
                }
                else if (!HasTagParameter(To))
                {
                    // RFC 3261 8.2.6.2: a response always carries a To tag, even when the request's To was malformed.
                    to = To + ";tag=" + toTag;
                }
            }

            response.Headers.Add(SipHeaderNames.To, to);
        }

        if (CallId is not null)
        {
            response.Headers.Add(SipHeaderNames.CallId, CallId);
        }

        if (CSeq is not null)
        {
            response.Headers.Add(SipHeaderNames.CSeq, CSeq);
        }

        return response;
    }

    public override string ToString() => $"{StatusCode} {Detail} ({Reason})";

    private static bool HasTagParameter(string value)
    {
        var index = value.IndexOf(";tag", StringComparison.OrdinalIgnoreCase);
        return index >= 0 && value.AsSpan(index + 4).TrimStart().StartsWith("=");
    }
}
