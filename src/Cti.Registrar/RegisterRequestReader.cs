using Cti.Sip.Messages;
using Cti.Sip.Transport;

namespace Cti.Registrar;

/// <summary>Turns a parsed REGISTER into a <see cref="RegisterCommand"/>, keeping each contact URI verbatim.</summary>
internal static class RegisterRequestReader
{
    /// <summary>Returns null with a reason when the request is too malformed to register.</summary>
    public static RegisterCommand? Read(SipRequest request, SipEndPoint source, out string? error)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(source);
        error = null;
        if (request.To?.Uri.User is not { Length: > 0 } aor)
        {
            error = "To header has no user part";
            return null;
        }

        if (request.CallId is not { Length: > 0 } callId || request.CSeq is not { } cseq)
        {
            error = "Missing Call-ID or CSeq";
            return null;
        }

        var hasContactHeader = request.Headers.Contains(SipHeaderNames.Contact);
        var parsed = request.Contacts;
        if (hasContactHeader && parsed.Count == 0)
        {
            error = "Malformed Contact header";
            return null;
        }

        var wildcard = parsed.Any(c => c.IsWildcard);
        var raw = request.SplitList(SipHeaderNames.Contact);
        var contacts = new List<RegisterContact>(parsed.Count);
        for (var i = 0; i < parsed.Count; i++)
        {
            var contact = parsed[i];
            if (contact.IsWildcard || contact.NameAddr is null)
            {
                continue;
            }

            // The binding keeps the URI exactly as the client wrote it; the parsed form re-escapes and reorders.
            var uri = raw.Count == parsed.Count ? VerbatimUri(raw[i]) ?? contact.NameAddr.Uri.ToString() : contact.NameAddr.Uri.ToString();
            var expiresText = contact.NameAddr.Parameters.Get("expires");
            long? expires = expiresText is null ? null : contact.Expires is { } e ? e : AllDigits(expiresText) ? uint.MaxValue : -1;
            contacts.Add(new RegisterContact(uri, expires, contact.NameAddr.Parameters.Get("q")));
        }

        return new RegisterCommand(
            aor,
            contacts,
            wildcard,
            ExpiresHeader(request),
            callId,
            cseq.Number,
            source.Transport == SipTransportProtocol.Udp ? "udp" : "tcp",
            source.Remote.ToString(),
            request.Headers.Get("User-Agent")?.Trim());
    }

    /// <summary>The addr-spec inside &lt;&gt;, or up to the first ';' without brackets.</summary>
    public static string? VerbatimUri(string contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        // A quoted display name may itself hold '<' (and '"' escaped): the URI starts after its closing quote.
        var start = 0;
        var text = contact.TrimStart();
        if (text.StartsWith('"'))
        {
            start = 1;
            while (start < text.Length && text[start] != '"')
            {
                start += text[start] == '\\' ? 2 : 1;
            }

            start++;
        }

        // Before a ';' or '"' the '<' opens a name-addr; after one it is inside a header parameter of an addr-spec,
        // such as +sip.instance="<urn:uuid:...>" (RFC 5626), and the URI ends at the first ';'.
        var stop = start >= text.Length ? -1 : text.IndexOfAny(['<', ';', '"'], start);
        if (stop >= 0 && text[stop] == '<')
        {
            var close = text.IndexOf('>', stop);
            return close > stop ? text[(stop + 1)..close].Trim() : null;
        }

        var semi = text.IndexOf(';', StringComparison.Ordinal);
        return (semi < 0 ? text : text[..semi]).Trim();
    }

    private static long? ExpiresHeader(SipRequest request)
    {
        var raw = request.Headers.Get(SipHeaderNames.Expires)?.Trim();
        if (raw is null)
        {
            return null;
        }

        // RFC 3261 20.19: values above 2^32-1 mean "as long as the registrar allows"; garbage is an error.
        return request.Expires is { } value ? value : AllDigits(raw) ? uint.MaxValue : -1;
    }

    private static bool AllDigits(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);
}
