namespace Cti.Sip.Messages;

/// <summary>Builds a response to a request as RFC 3261 8.2.6.2 requires.</summary>
public static class SipResponseFactory
{
    /// <summary>
    /// Copies every Via (in order), From, To (adding <paramref name="toTag"/> when To has none), Call-ID and CSeq.
    /// Record-Route is copied only when <paramref name="copyRecordRoute"/> is set, which a UAS does for
    /// dialog-creating 1xx/2xx responses (RFC 3261 12.1.1).
    /// </summary>
    public static SipResponse Create(SipRequest request, int status, string? reason = null, string? toTag = null, bool copyRecordRoute = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = new SipResponse(status, reason);
        var source = request.Headers;
        foreach (var via in source.GetAll(SipHeaderNames.Via))
        {
            response.Headers.Add(SipHeaderNames.Via, via);
        }

        if (source.Get(SipHeaderNames.From) is { } from)
        {
            response.Headers.Add(SipHeaderNames.From, from);
        }

        if (source.Get(SipHeaderNames.To) is { } to)
        {
            if (toTag is not null && request.To is { Tag: null } parsedTo)
            {
                var tagged = parsedTo.Clone();
                tagged.Tag = toTag;
                to = tagged.ToString();
            }

            response.Headers.Add(SipHeaderNames.To, to);
        }

        if (source.Get(SipHeaderNames.CallId) is { } callId)
        {
            response.Headers.Add(SipHeaderNames.CallId, callId);
        }

        if (source.Get(SipHeaderNames.CSeq) is { } cseq)
        {
            response.Headers.Add(SipHeaderNames.CSeq, cseq);
        }

        if (copyRecordRoute && status is >= 101 and < 300)
        {
            foreach (var rr in source.GetAll(SipHeaderNames.RecordRoute))
            {
                response.Headers.Add(SipHeaderNames.RecordRoute, rr);
            }
        }

        return response;
    }
}
