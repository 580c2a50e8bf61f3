using System.Text;

namespace Cti.Sip.Messages;

/// <summary>
/// Canonical header names and the compact forms that expand to them (RFC 3261 7.3.3 and later RFCs).
/// Names compare case-insensitively; the canonical spelling is what the serializer writes.
/// </summary>
public static class SipHeaderNames
{
    public const string Accept = "Accept";
    public const string AcceptContact = "Accept-Contact";
    public const string AcceptEncoding = "Accept-Encoding";
    public const string AcceptLanguage = "Accept-Language";
    public const string AlertInfo = "Alert-Info";
    public const string Allow = "Allow";
    public const string AllowEvents = "Allow-Events";
    public const string AuthenticationInfo = "Authentication-Info";
    public const string Authorization = "Authorization";
    public const string CallId = "Call-ID";
    public const string CallInfo = "Call-Info";
    public const string Contact = "Contact";
    public const string ContentDisposition = "Content-Disposition";
    public const string ContentEncoding = "Content-Encoding";
    public const string ContentLanguage = "Content-Language";
    public const string ContentLength = "Content-Length";
    public const string ContentType = "Content-Type";
    public const string CSeq = "CSeq";
    public const string Date = "Date";
    public const string ErrorInfo = "Error-Info";
    public const string Event = "Event";
    public const string Expires = "Expires";
    public const string From = "From";
    public const string Identity = "Identity";
    public const string IdentityInfo = "Identity-Info";
    public const string InReplyTo = "In-Reply-To";
    public const string MaxForwards = "Max-Forwards";
    public const string MimeVersion = "MIME-Version";
    public const string MinExpires = "Min-Expires";
    public const string MinSE = "Min-SE";
    public const string Organization = "Organization";
    public const string Path = "Path";
    public const string PAssertedIdentity = "P-Asserted-Identity";
    public const string Priority = "Priority";
    public const string Privacy = "Privacy";
    public const string ProxyAuthenticate = "Proxy-Authenticate";
    public const string ProxyAuthorization = "Proxy-Authorization";
    public const string ProxyRequire = "Proxy-Require";
    public const string RAck = "RAck";
    public const string Reason = "Reason";
    public const string RecordRoute = "Record-Route";
    public const string ReferredBy = "Referred-By";
    public const string ReferTo = "Refer-To";
    public const string RejectContact = "Reject-Contact";
    public const string Replaces = "Replaces";
    public const string ReplyTo = "Reply-To";
    public const string RequestDisposition = "Request-Disposition";
    public const string Require = "Require";
    public const string RetryAfter = "Retry-After";
    public const string Route = "Route";
    public const string RSeq = "RSeq";
    public const string Server = "Server";
    public const string ServiceRoute = "Service-Route";
    public const string SessionExpires = "Session-Expires";
    public const string Subject = "Subject";
    public const string SubscriptionState = "Subscription-State";
    public const string Supported = "Supported";
    public const string Timestamp = "Timestamp";
    public const string To = "To";
    public const string Unsupported = "Unsupported";
    public const string UserAgent = "User-Agent";
    public const string Via = "Via";
    public const string Warning = "Warning";
    public const string WwwAuthenticate = "WWW-Authenticate";

    private static readonly string[] Known =
    [
        Accept, AcceptContact, AcceptEncoding, AcceptLanguage, AlertInfo, Allow, AllowEvents, AuthenticationInfo,
        Authorization, CallId, CallInfo, Contact, ContentDisposition, ContentEncoding, ContentLanguage, ContentLength,
        ContentType, CSeq, Date, ErrorInfo, Event, Expires, From, Identity, IdentityInfo, InReplyTo, MaxForwards,
        MimeVersion, MinExpires, MinSE, Organization, Path, PAssertedIdentity, Priority, Privacy, ProxyAuthenticate,
        ProxyAuthorization, ProxyRequire, RAck, Reason, RecordRoute, ReferredBy, ReferTo, RejectContact, Replaces,
        ReplyTo, RequestDisposition, Require, RetryAfter, Route, RSeq, Server, ServiceRoute, SessionExpires, Subject,
        SubscriptionState, Supported, Timestamp, To, Unsupported, UserAgent, Via, Warning, WwwAuthenticate,
    ];

    // Index = lower-case letter - 'a'; null where no compact form is registered.
    private static readonly string?[] Compact = BuildCompact();

    // Known names bucketed by length so a lookup compares only a handful of candidates.
    private static readonly string[][] ByLength = BuildByLength();

    /// <summary>Expands a compact form and returns the canonical spelling of a known name; unknown names are returned as given.</summary>
    public static string Canonicalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Lookup(name.AsSpan()) ?? name;
    }

    /// <summary>The compact form's full name, or null when the letter is not a registered compact form.</summary>
    public static string? ExpandCompact(char letter)
    {
        var index = char.ToLowerInvariant(letter) - 'a';
        return index is >= 0 and < 26 ? Compact[index] : null;
    }

    internal static string? Lookup(ReadOnlySpan<char> name)
    {
        if (name.Length == 1)
        {
            return ExpandCompact(name[0]);
        }

        if (name.Length >= ByLength.Length)
        {
            return null;
        }

        foreach (var candidate in ByLength[name.Length])
        {
            if (name.Equals(candidate, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        return null;
    }

    internal static string? Lookup(ReadOnlySpan<byte> name)
    {
        if (name.Length == 1)
        {
            return ExpandCompact((char)name[0]);
        }

        if (name.Length >= ByLength.Length)
        {
            return null;
        }

        // Compare the first letter (case-folded) before the whole name: most candidates fail there.
        var first = name[0] | 0x20;
        foreach (var candidate in ByLength[name.Length])
        {
            if ((candidate[0] | 0x20) == first && Ascii.EqualsIgnoreCase(name, candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string?[] BuildCompact()
    {
        var table = new string?[26];
        void Set(char c, string name) => table[c - 'a'] = name;
        Set('a', AcceptContact);
        Set('b', ReferredBy);
        Set('c', ContentType);
        Set('d', RequestDisposition);
        Set('e', ContentEncoding);
        Set('f', From);
        Set('i', CallId);
        Set('j', RejectContact);
        Set('k', Supported);
        Set('l', ContentLength);
        Set('m', Contact);
        Set('n', IdentityInfo);
        Set('o', Event);
        Set('r', ReferTo);
        Set('s', Subject);
        Set('t', To);
        Set('u', AllowEvents);
        Set('v', Via);
        Set('x', SessionExpires);
        Set('y', Identity);
        return table;
    }

    private static string[][] BuildByLength()
    {
        var max = Known.Max(n => n.Length);
        var buckets = new string[max + 1][];
        for (var i = 0; i <= max; i++)
        {
            var length = i;
            buckets[i] = Known.Where(n => n.Length == length).ToArray();
        }

        return buckets;
    }
}
