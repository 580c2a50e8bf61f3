using System.Buffers;

namespace Cti.Sip.Messages;

/// <summary>
/// Cursor over one unfolded header value (folding already replaced by single spaces), with the RFC 3261
/// separators: SWS around ";", "=", "/", ":" and "," and quoted strings with quoted-pairs.
/// </summary>
internal ref struct SipValueReader
{
    private readonly ReadOnlySpan<char> _text;
    private int _pos;

    public SipValueReader(ReadOnlySpan<char> text)
    {
        _text = text;
        _pos = 0;
    }

    public readonly bool AtEnd => _pos >= _text.Length;

    public readonly int Position => _pos;

    public readonly char Peek => _pos < _text.Length ? _text[_pos] : '\0';

    public readonly ReadOnlySpan<char> Rest => _text[_pos..];

    public void Advance(int count) => _pos += count;

    public void SkipWhitespace()
    {
        while (_pos < _text.Length && SipSyntax.IsWhitespace(_text[_pos]))
        {
            _pos++;
        }
    }

    /// <summary>Consumes SWS c SWS when the next non-space character is <paramref name="c"/>.</summary>
    public bool TryConsumeSeparator(char c)
    {
        var save = _pos;
        SkipWhitespace();
        if (_pos < _text.Length && _text[_pos] == c)
        {
            _pos++;
            SkipWhitespace();
            return true;
        }

        _pos = save;
        return false;
    }

    public ReadOnlySpan<char> ReadToken()
    {
        var rest = _text[_pos..];
        var length = SipSyntax.TokenLength(rest);
        _pos += length;
        return rest[..length];
    }

    /// <summary>Reads up to (not including) whitespace or any of the stop characters (which include SP and HTAB).</summary>
    public ReadOnlySpan<char> ReadUntil(SearchValues<char> stopsAndWhitespace)
    {
        var rest = _text[_pos..];
        var length = rest.IndexOfAny(stopsAndWhitespace);
        if (length < 0)
        {
            length = rest.Length;
        }

        _pos += length;
        return rest[..length];
    }

    /// <summary>Reads a quoted-string starting at '"'; returns the raw text including the quotes.</summary>
    public bool TryReadQuoted(out ReadOnlySpan<char> raw)
    {
        raw = default;
        if (Peek != '"')
        {
            return false;
        }

        var start = _pos++;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\\')
            {
                // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F): CR and LF cannot be escaped.
                if (_pos + 1 >= _text.Length || _text[_pos + 1] is '\r' or '\n' || _text[_pos + 1] > 0x7F)
                {
                    return false;
                }

                _pos += 2;
                continue;
            }

            if (c == '"')
            {
                _pos++;
                raw = _text[start.._pos];
                return true;
            }

            if (c is '\r' or '\n')
            {
                return false;
            }

            _pos++;
        }

        return false;
    }

    /// <summary>Removes the quotes and quoted-pair backslashes of a raw quoted-string.</summary>
    public static string Unquote(ReadOnlySpan<char> raw)
    {
        var inner = raw[1..^1];
        if (!inner.Contains('\\'))
        {
            return inner.ToString();
        }

        var chars = new char[inner.Length];
        var n = 0;
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '\\' && i + 1 < inner.Length)
            {
                i++;
            }

            chars[n++] = inner[i];
        }

        return new string(chars, 0, n);
    }

    /// <summary>
    /// Reads <c>*( SEMI generic-param )</c>: token [ EQUAL ( token / host / quoted-string ) ].
    /// Stops before a comma or the end; false on an empty or malformed parameter (e.g. <c>;;</c>).
    /// With <paramref name="into"/> null nothing is allocated (validation only); <paramref name="check"/>
    /// applies header-specific rules to each parameter.
    /// </summary>
    public bool TryReadParameters(SipParameters? into, SipParameterCheck? check = null)
    {
        while (TryConsumeSeparator(';'))
        {
            var name = ReadToken();
            if (name.IsEmpty)
            {
                return false;
            }

            ReadOnlySpan<char> value = default;
            var hasValue = false;
            if (TryConsumeSeparator('='))
            {
                hasValue = true;
                if (Peek == '"')
                {
                    if (!TryReadQuoted(out value))
                    {
                        return false;
                    }
                }
                else
                {
                    value = ReadUntil(ParameterValueStops);
                    if (value.IsEmpty || (!SipSyntax.IsToken(value) && !SipSyntax.IsHost(value) && !IsHostPort(value)))
                    {
                        return false;
                    }
                }
            }

            if (check is not null && !check(name, value, hasValue))
            {
                return false;
            }

            into?.Add(InternParameterName(name), hasValue ? value.ToString() : null);
        }

        SkipWhitespace();
        return true;
    }

    internal static readonly SearchValues<char> ParameterValueStops = SearchValues.Create(";,\"<> \t");

    internal static readonly SearchValues<char> AddrSpecStops = SearchValues.Create(";, \t");

    internal static readonly SearchValues<char> SentByStops = SearchValues.Create(";,: \t");

    // The parameters seen on nearly every message; sharing their names saves an allocation each.
    private static readonly string[] CommonParameterNames =
        ["tag", "branch", "rport", "received", "lr", "transport", "expires", "q", "maddr", "ttl", "user", "method"];

    internal static string InternParameterName(ReadOnlySpan<char> name)
    {
        foreach (var common in CommonParameterNames)
        {
            if (name.SequenceEqual(common))
            {
                return common;
            }
        }

        return name.ToString();
    }

    internal static string InternToken(ReadOnlySpan<char> token, string a, string b, string c, string d)
    {
        return token.SequenceEqual(a) ? a
            : token.SequenceEqual(b) ? b
            : token.SequenceEqual(c) ? c
            : token.SequenceEqual(d) ? d
            : token.ToString();
    }

    private static bool IsHostPort(ReadOnlySpan<char> raw)
    {
        // IPv6 references contain ':' which token lacks; "[::1]" is already a host.
        var colon = raw.LastIndexOf(':');
        return colon > 0 && SipSyntax.IsHost(raw[..colon]) && SipSyntax.TryParseUInt32(raw[(colon + 1)..], out _);
    }
}
