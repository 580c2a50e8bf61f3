using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Cti.Sip.Messages;

/// <summary>
/// A SIP, SIPS or tel URI (RFC 3261 19.1, RFC 3966), or an opaque URI of any other scheme.
/// User, password, parameters and headers hold unescaped text (escapes are decoded exactly once);
/// <see cref="ToString"/> writes the canonical form, escaping again where the grammar requires it.
/// </summary>
public sealed class SipUri
{
    // Whitespace, angle brackets and quotes never occur inside a URI (they delimit it).
    private static readonly System.Buffers.SearchValues<char> Forbidden = System.Buffers.SearchValues.Create(" \t\r\n<>\"");

    public SipUri(string scheme, string host)
    {
        ArgumentException.ThrowIfNullOrEmpty(scheme);
        Scheme = scheme.ToLowerInvariant();
        Host = host;
    }

    private SipUri(string scheme)
    {
        Scheme = scheme;
    }

    /// <summary>Lower-case scheme: "sip", "sips", "tel" or any other.</summary>
    public string Scheme { get; }

    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>Host (hostname, IPv4 or bracketed IPv6); empty for tel and opaque URIs.</summary>
    public string Host { get; set; } = string.Empty;

    public int? Port { get; set; }

    public SipParameters Parameters { get; } = new();

    /// <summary>URI headers (<c>?name=value&amp;...</c>), unescaped.</summary>
    public SipParameters Headers => _headers ??= new();

    private SipParameters? _headers;

    /// <summary>For schemes other than sip/sips/tel: everything after "scheme:", verbatim.</summary>
    public string? Opaque { get; private set; }

    public bool IsSip => Scheme is "sip" or "sips";

    public bool IsSecure => Scheme == "sips";

    public bool IsTel => Scheme == "tel";

    /// <summary>The <c>transport</c> URI parameter, if any.</summary>
    public string? Transport => Parameters.Get("transport");

    public static SipUri Parse(string text) =>
        TryParse(text, out var uri) ? uri : throw new FormatException("Invalid URI.");

    public static bool TryParse(string? text, [NotNullWhen(true)] out SipUri? uri) => TryParse(text.AsSpan(), out uri);

    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out SipUri? uri)
    {
        uri = null;
        if (!TryParseCore(text, build: true, out var result, out _))
        {
            return false;
        }

        uri = result!;
        return true;
    }

    /// <summary>Checks the syntax without allocating; <paramref name="hasHeaders"/> reports a <c>?header</c> part.</summary>
    internal static bool IsValid(ReadOnlySpan<char> text, out bool hasHeaders) =>
        TryParseCore(text, build: false, out _, out hasHeaders);

    private static bool TryParseCore(ReadOnlySpan<char> text, bool build, out SipUri? uri, out bool hasHeaders)
    {
        uri = null;
        hasHeaders = false;
        var colon = text.IndexOf(':');
        if (colon <= 0 || !IsScheme(text[..colon]))
        {
            return false;
        }

        var rest = text[(colon + 1)..];
        if (rest.IsEmpty || rest.ContainsAny(Forbidden))
        {
            return false;
        }

        var schemeText = text[..colon];
        var result = build ? new SipUri(InternScheme(schemeText)) : null;
        if (schemeText.Equals("sip", StringComparison.OrdinalIgnoreCase) || schemeText.Equals("sips", StringComparison.OrdinalIgnoreCase))
        {
            if (!TryParseSip(rest, result, out hasHeaders))
            {
                return false;
            }
        }
        else if (schemeText.Equals("tel", StringComparison.OrdinalIgnoreCase))
        {
            if (!TryParseTel(rest, result))
            {
                return false;
            }
        }
        else if (result is not null)
        {
            result.Opaque = rest.ToString();
        }

        uri = result;
        return true;
    }

    public SipUri Clone()
    {
        var copy = new SipUri(Scheme)
        {
            User = User,
            Password = Password,
            Host = Host,
            Port = Port,
            Opaque = Opaque,
        };
        foreach (var p in Parameters)
        {
            copy.Parameters.Add(p.Name, p.Value);
        }

        foreach (var h in _headers ?? [])
        {
            copy.Headers.Add(h.Name, h.Value);
        }

        return copy;
    }

    public override string ToString()
    {
        if (Opaque is not null)
        {
            return Scheme + ":" + Opaque;
        }

        var builder = new StringBuilder(64);
        builder.Append(Scheme).Append(':');
        if (IsTel)
        {
            builder.Append(User);
        }
        else
        {
            if (User is not null)
            {
                SipSyntax.AppendEscaped(builder, User, SipSyntax.UserChars);
                if (Password is not null)
                {
                    builder.Append(':');
                    SipSyntax.AppendEscaped(builder, Password, SipSyntax.PasswordChars);
                }

                builder.Append('@');
            }

            builder.Append(Host);
            if (Port is { } port)
            {
                builder.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
            }
        }

        foreach (var p in Parameters)
        {
            builder.Append(';');
            SipSyntax.AppendEscaped(builder, p.Name, SipSyntax.ParamChars);
            if (p.Value is not null)
            {
                builder.Append('=');
                SipSyntax.AppendEscaped(builder, p.Value, SipSyntax.ParamChars);
            }
        }

        var separator = '?';
        foreach (var h in _headers ?? [])
        {
            builder.Append(separator);
            separator = '&';
            SipSyntax.AppendEscaped(builder, h.Name, SipSyntax.HeaderChars);
            builder.Append('=');
            SipSyntax.AppendEscaped(builder, h.Value ?? string.Empty, SipSyntax.HeaderChars);
        }

        return builder.ToString();
    }

    private static string InternScheme(ReadOnlySpan<char> scheme) =>
        scheme.Equals("sip", StringComparison.OrdinalIgnoreCase) ? "sip"
        : scheme.Equals("sips", StringComparison.OrdinalIgnoreCase) ? "sips"
        : scheme.Equals("tel", StringComparison.OrdinalIgnoreCase) ? "tel"
        : scheme.ToString().ToLowerInvariant();

    private static bool IsScheme(ReadOnlySpan<char> scheme)
    {
        if (!char.IsAsciiLetter(scheme[0]))
        {
            return false;
        }

        foreach (var c in scheme)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '+' and not '-' and not '.')
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryParseTel(ReadOnlySpan<char> rest, SipUri? target)
    {
        var semi = rest.IndexOf(';');
        var number = semi < 0 ? rest : rest[..semi];
        if (number.IsEmpty)
        {
            return false;
        }

        target?.User = number.ToString();
        return semi < 0 || TryParseUriParameters(rest[semi..], target);
    }

    private static bool TryParseSip(ReadOnlySpan<char> rest, SipUri? target, out bool hasHeaders)
    {
        hasHeaders = false;

        // '@' cannot occur in host, parameters or headers, so the first one ends the userinfo.
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            var userinfo = rest[..at];
            var colon = userinfo.IndexOf(':');
            var user = colon < 0 ? userinfo : userinfo[..colon];
            if (user.IsEmpty || !IsEscapedRun(user, SipSyntax.UserChars))
            {
                return false;
            }

            var password = colon < 0 ? default : userinfo[(colon + 1)..];
            if (colon >= 0 && !IsEscapedRun(password, SipSyntax.PasswordChars))
            {
                return false;
            }

            if (target is not null)
            {
                // Escapes were checked above, so unescaping cannot fail here.
                SipSyntax.TryUnescape(user, out var u);
                target.User = u;
                if (colon >= 0)
                {
                    SipSyntax.TryUnescape(password, out var pw);
                    target.Password = pw;
                }
            }

            rest = rest[(at + 1)..];
        }

        var end = rest.IndexOfAny(';', '?');
        var hostPort = end < 0 ? rest : rest[..end];
        if (!TryParseHostPort(hostPort, target is not null, out var host, out var port))
        {
            return false;
        }

        if (target is not null)
        {
            target.Host = host;
            target.Port = port;
        }

        if (end < 0)
        {
            return true;
        }

        rest = rest[end..];
        var question = rest.IndexOf('?');
        var parameters = question < 0 ? rest : rest[..question];
        if (!parameters.IsEmpty && !TryParseUriParameters(parameters, target))
        {
            return false;
        }

        hasHeaders = question >= 0;
        return question < 0 || TryParseUriHeaders(rest[(question + 1)..], target);
    }

    internal static bool TryParseHostPort(ReadOnlySpan<char> hostPort, out string host, out int? port) =>
        TryParseHostPort(hostPort, build: true, out host, out port);

    private static bool TryParseHostPort(ReadOnlySpan<char> hostPort, bool build, out string host, out int? port)
    {
        host = string.Empty;
        port = null;
        ReadOnlySpan<char> hostPart;
        ReadOnlySpan<char> portPart = default;
        var hasPort = false;
        if (hostPort.Length > 0 && hostPort[0] == '[')
        {
            var close = hostPort.IndexOf(']');
            if (close < 0)
            {
                return false;
            }

            hostPart = hostPort[..(close + 1)];
            var after = hostPort[(close + 1)..];
            if (!after.IsEmpty)
            {
                if (after[0] != ':')
                {
                    return false;
                }

                hasPort = true;
                portPart = after[1..];
            }
        }
        else
        {
            var colon = hostPort.IndexOf(':');
            hostPart = colon < 0 ? hostPort : hostPort[..colon];
            if (colon >= 0)
            {
                hasPort = true;
                portPart = hostPort[(colon + 1)..];
            }
        }

        if (!SipSyntax.IsHost(hostPart))
        {
            return false;
        }

        if (hasPort)
        {
            if (!SipSyntax.TryParseUInt32(portPart, out var p) || p > 65535)
            {
                return false;
            }

            port = (int)p;
        }

        if (build)
        {
            host = hostPart.ToString();
        }

        return true;
    }

    private static bool TryParseUriParameters(ReadOnlySpan<char> text, SipUri? target)
    {
        // text starts with ';'
        while (!text.IsEmpty)
        {
            text = text[1..];
            var next = text.IndexOf(';');
            var item = next < 0 ? text : text[..next];
            text = next < 0 ? default : text[next..];
            var eq = item.IndexOf('=');
            var name = eq < 0 ? item : item[..eq];
            var raw = eq < 0 ? default : item[(eq + 1)..];
            if (name.IsEmpty || !IsEscapedRun(name, SipSyntax.ParamChars)
                || (eq >= 0 && (raw.IsEmpty || !IsEscapedRun(raw, SipSyntax.ParamChars))))
            {
                return false;
            }

            if (target is not null)
            {
                SipSyntax.TryUnescape(name, out var n);
                string? value = null;
                if (eq >= 0)
                {
                    SipSyntax.TryUnescape(raw, out value);
                }

                target.Parameters.Add(n, value);
            }
        }

        return true;
    }

    private static bool TryParseUriHeaders(ReadOnlySpan<char> text, SipUri? target)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        while (true)
        {
            var amp = text.IndexOf('&');
            var item = amp < 0 ? text : text[..amp];
            var eq = item.IndexOf('=');
            if (eq <= 0)
            {
                return false;
            }

            var name = item[..eq];
            var value = item[(eq + 1)..];
            if (!IsEscapedRun(name, SipSyntax.HeaderChars) || !IsEscapedRun(value, SipSyntax.HeaderChars))
            {
                return false;
            }

            if (target is not null)
            {
                SipSyntax.TryUnescape(name, out var n);
                SipSyntax.TryUnescape(value, out var v);
                target.Headers.Add(n, v);
            }

            if (amp < 0)
            {
                return true;
            }

            text = text[(amp + 1)..];
        }
    }

    /// <summary>True when every character is allowed or part of a well-formed %HH escape.</summary>
    private static bool IsEscapedRun(ReadOnlySpan<char> text, System.Buffers.SearchValues<char> allowed)
    {
        while (true)
        {
            var i = text.IndexOfAnyExcept(allowed);
            if (i < 0)
            {
                return true;
            }

            if (text[i] != '%' || i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
            {
                return false;
            }

            text = text[(i + 3)..];
        }
    }
}
