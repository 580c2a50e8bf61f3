using Cti.Sip.Messages;

namespace Cti.Sip.Validation;

/// <summary>
/// The checks a UAS applies to a parsed request before acting on it (RFC 3261 8.2, 16.3 for Max-Forwards),
/// returning the first failure or null. Dialog and transaction matching (481) is the caller's job.
/// </summary>
public static class SipRequestValidator
{
    private static readonly string[] Mandatory =
    [
        SipHeaderNames.Via, SipHeaderNames.To, SipHeaderNames.From, SipHeaderNames.CallId, SipHeaderNames.CSeq,
        SipHeaderNames.MaxForwards,
    ];

    public static SipValidationFailure? Validate(SipRequest request, SipValidationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policy);

        if (!string.Equals(request.Version, policy.SupportedVersion, StringComparison.OrdinalIgnoreCase))
        {
            return new SipValidationFailure(505, "Version Not Supported");
        }

        var topVia = request.TopVia;
        foreach (var name in Mandatory)
        {
            if (request.Headers.Contains(name))
            {
                continue;
            }

            // RFC 2543 did not require Max-Forwards; a request without the RFC 3261 cookie may omit it.
            if (name == SipHeaderNames.MaxForwards && policy.AcceptRfc2543 && topVia is { HasMagicCookie: false })
            {
                continue;
            }

            return new SipValidationFailure(400, "Missing " + name + " Header");
        }

        if (topVia is null)
        {
            return new SipValidationFailure(400, "Malformed Via Header");
        }

        if (request.From is null)
        {
            return new SipValidationFailure(400, "Malformed From Header");
        }

        if (request.To is not { } to)
        {
            return new SipValidationFailure(400, "Malformed To Header");
        }

        if (request.CSeq is not { } cseq)
        {
            return new SipValidationFailure(400, "Malformed CSeq Header");
        }

        var known = policy.KnownMethods.Contains(request.Method);
        if (!string.Equals(cseq.Method, request.Method, StringComparison.Ordinal))
        {
            // An unknown method is reported as such even when CSeq disagrees (RFC 4475 3.1.2.18).
            return known
                ? new SipValidationFailure(400, "CSeq Method Does Not Match Request Method")
                : NotImplemented(policy);
        }

        if (topVia.Branch == SipVia.MagicCookie)
        {
            return new SipValidationFailure(400, "Via Branch Is Only The Magic Cookie");
        }

        if (!to.Uri.IsSip && !to.Uri.IsTel)
        {
            return new SipValidationFailure(400, "To URI Must Be SIP, SIPS Or Tel");
        }

        if (!known)
        {
            return NotImplemented(policy);
        }

        if (!policy.AllowedMethods.Contains(request.Method))
        {
            return new SipValidationFailure(405, "Method Not Allowed", [AllowHeader(policy)]);
        }

        if (!policy.SupportedUriSchemes.Contains(request.RequestUri.Scheme))
        {
            return new SipValidationFailure(416, "Unsupported URI Scheme");
        }

        if (policy.IsForwardingElement && request.MaxForwards == 0)
        {
            return new SipValidationFailure(483, "Too Many Hops");
        }

        // 8.2.2.3: Require is ignored for ACK and CANCEL; a UAS ignores Proxy-Require.
        if (request.Method is not (SipMethods.Ack or SipMethods.Cancel))
        {
            var unsupported = request.Require.Where(tag => !policy.SupportedExtensions.Contains(tag)).ToList();
            if (unsupported.Count > 0)
            {
                return new SipValidationFailure(
                    420,
                    "Bad Extension",
                    [new SipHeaderField(SipHeaderNames.Unsupported, string.Join(", ", unsupported))]);
            }
        }

        var accepted = policy.AcceptedContentTypesFor(request.Method);
        if (!request.Body.IsEmpty)
        {
            var type = request.ContentType;
            if (type is null || !accepted.Contains(type, StringComparer.OrdinalIgnoreCase))
            {
                return new SipValidationFailure(
                    415,
                    "Unsupported Media Type",
                    [new SipHeaderField(SipHeaderNames.Accept, string.Join(", ", accepted))]);
            }
        }

        // An INVITE whose Accept rules out SDP leaves no answer body we could send.
        if (request.Method == SipMethods.Invite && request.Headers.Contains(SipHeaderNames.Accept)
            && !request.Accept.Any(range => accepted.Any(type => MediaRangeMatches(range, type))))
        {
            return new SipValidationFailure(
                406,
                "Not Acceptable",
                [new SipHeaderField(SipHeaderNames.Warning, "399 " + policy.WarningAgent + " \"No acceptable answer body type in Accept\"")]);
        }

        return null;
    }

    private static SipValidationFailure NotImplemented(SipValidationPolicy policy) =>
        new(501, "Not Implemented", [AllowHeader(policy)]);

    private static SipHeaderField AllowHeader(SipValidationPolicy policy) =>
        new(SipHeaderNames.Allow, string.Join(", ", SipMethods.All.Where(policy.AllowedMethods.Contains)));

    private static bool MediaRangeMatches(string range, string type)
    {
        if (range == "*/*" || string.Equals(range, type, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var slash = type.IndexOf('/', StringComparison.Ordinal);
        return range.EndsWith("/*", StringComparison.Ordinal)
            && string.Equals(range[..^1], type[..(slash + 1)], StringComparison.OrdinalIgnoreCase);
    }
}
