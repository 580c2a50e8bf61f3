using System.Buffers;
using System.Text;

namespace Cti.Sip.Messages;

/// <summary>Character classes and small helpers from the RFC 3261 ABNF (section 25), shared by every header parser.</summary>
internal static class SipSyntax
{
    // token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
    private static readonly SearchValues<char> TokenChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~");

    // word adds ( ) < > : \ " / [ ] ? { } to token (used by Call-ID).
    private static readonly SearchValues<char> WordChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~()<>:\\\"/[]?{}");

    private static readonly SearchValues<char> Unreserved =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!~*'()");

    /// <summary>unreserved + user-unreserved: what a URI user part may hold unescaped.</summary>
    internal static readonly SearchValues<char> UserChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!~*'()&=+$,;?/");

    internal static readonly SearchValues<char> PasswordChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!~*'()&=+$,");

    /// <summary>paramchar = param-unreserved / unreserved / escaped.</summary>
    internal static readonly SearchValues<char> ParamChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!~*'()[]/:&+$");

    /// <summary>hnv-unreserved / unreserved / escaped for URI headers.</summary>
    internal static readonly SearchValues<char> HeaderChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!~*'()[]/?:+$");

    private static readonly SearchValues<char> HostChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.");

    internal static bool IsTokenChar(char c) => TokenChars.Contains(c);

    /// <summary>Length of the token at the start of <paramref name="text"/> (0 when none).</summary>
    internal static int TokenLength(ReadOnlySpan<char> text)
    {
        var end = text.IndexOfAnyExcept(TokenChars);
        return end < 0 ? text.Length : end;
    }

    internal static bool IsToken(ReadOnlySpan<char> value) => !value.IsEmpty && !value.ContainsAnyExcept(TokenChars);

    internal static bool IsWord(ReadOnlySpan<char> value) => !value.IsEmpty && !value.ContainsAnyExcept(WordChars);

    internal static bool IsWhitespace(char c) => c is ' ' or '\t';

    /// <summary>callid = word [ "@" word ].</summary>
    internal static bool IsCallId(ReadOnlySpan<char> value)
    {
        var at = value.IndexOf('@');
        return at < 0 ? IsWord(value) : IsWord(value[..at]) && IsWord(value[(at + 1)..]);
    }

    internal static bool IsUnreservedChar(char c) => Unreserved.Contains(c);

    /// <summary>Hostname, IPv4 or [IPv6]; no trailing port.</summary>
    internal static bool IsHost(ReadOnlySpan<char> host)
    {
        if (host.IsEmpty)
        {
            return false;
        }

        if (host[0] == '[')
        {
            return host.Length > 2 && host[^1] == ']'
                && System.Net.IPAddress.TryParse(host[1..^1], out var v6)
                && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        }

        return !host.ContainsAnyExcept(HostChars) && host[0] != '-' && host[0] != '.';
    }

    /// <summary>Parses 1*DIGIT into a uint; false on empty, non-digit or a value above 2^32-1 (never wraps).</summary>
    internal static bool TryParseUInt32(ReadOnlySpan<char> digits, out uint value)
    {
        value = 0;
        if (digits.IsEmpty)
        {
            return false;
        }

        ulong acc = 0;
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            acc = (acc * 10) + (uint)(c - '0');
            if (acc > uint.MaxValue)
            {
                return false;
            }
        }

        value = (uint)acc;
        return true;
    }

    /// <summary>Decodes %HH escapes exactly once; the octets are read as UTF-8. False on a malformed escape.</summary>
    internal static bool TryUnescape(ReadOnlySpan<char> text, out string result)
    {
        if (!text.Contains('%'))
        {
            result = text.ToString();
            return true;
        }

        var bytes = new byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%')
            {
                if (i + 2 >= text.Length)
                {
                    result = string.Empty;
                    return false;
                }

                var hi = HexValue(text[i + 1]);
                var lo = HexValue(text[i + 2]);
                if (hi < 0 || lo < 0)
                {
                    result = string.Empty;
                    return false;
                }

                bytes[count++] = (byte)((hi << 4) | lo);
                i += 2;
            }
            else
            {
                count += Encoding.UTF8.GetBytes(text.Slice(i, 1), bytes.AsSpan(count));
            }
        }

        result = Encoding.UTF8.GetString(bytes, 0, count);
        return true;
    }

    /// <summary>Writes <paramref name="text"/> escaping every octet outside <paramref name="allowed"/> as %HH.</summary>
    internal static void AppendEscaped(StringBuilder builder, string text, SearchValues<char> allowed)
    {
        if (!text.AsSpan().ContainsAnyExcept(allowed))
        {
            builder.Append(text);
            return;
        }

        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (allowed.Contains(c))
            {
                builder.Append(c);
                continue;
            }

            var length = char.IsHighSurrogate(c) && i + 1 < text.Length
                ? Encoding.UTF8.GetBytes(text.AsSpan(i++, 2), utf8)
                : Encoding.UTF8.GetBytes(text.AsSpan(i, 1), utf8);
            for (var b = 0; b < length; b++)
            {
                builder.Append('%').Append("0123456789ABCDEF"[utf8[b] >> 4]).Append("0123456789ABCDEF"[utf8[b] & 0xF]);
            }
        }
    }

    /// <summary>Writes a generic parameter value as-is when it is a token or host, else as a quoted string.</summary>
    internal static void AppendGenericValue(StringBuilder builder, string value)
    {
        if (IsToken(value) || IsHost(value) || (value.Length > 0 && value[0] == '"'))
        {
            builder.Append(value);
        }
        else
        {
            AppendQuoted(builder, value);
        }
    }

    internal static void AppendQuoted(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        builder.Append('"');
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
