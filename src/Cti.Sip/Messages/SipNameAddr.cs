using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Cti.Sip.Messages;

/// <summary>
/// A name-addr or addr-spec with header parameters (From, To, Contact, Route, Record-Route...).
/// In addr-spec form (no angle brackets) every <c>;param</c> after the URI is a header parameter,
/// so <c>Contact: sip:a@b;unknownparam</c> puts <c>unknownparam</c> here, not in the URI.
/// </summary>
public sealed class SipNameAddr
{
    public SipNameAddr(SipUri uri, string? displayName = null)
    {
        ArgumentNullException.ThrowIfNull(uri);
        Uri = uri;
        DisplayName = displayName;
    }

    /// <summary>Display name without quotes or quoted-pair backslashes; null when absent.</summary>
    public string? DisplayName { get; set; }

    public SipUri Uri { get; set; }

    public SipParameters Parameters { get; } = new();

    public string? Tag
    {
        get => Parameters.Get("tag");
        set
        {
            if (value is null)
            {
                Parameters.Remove("tag");
            }
            else
            {
                Parameters.Set("tag", value);
            }
        }
    }

    public static bool TryParse(string? text, [NotNullWhen(true)] out SipNameAddr? nameAddr)
    {
        nameAddr = null;
        if (text is null)
        {
            return false;
        }

        var reader = new SipValueReader(text);
        reader.SkipWhitespace();
        if (!TryRead(ref reader, build: true, out var result) || !reader.TryReadParameters(result!.Parameters) || !reader.AtEnd)
        {
            return false;
        }

        nameAddr = result;
        return true;
    }

    /// <summary>Checks a whole From/To value without allocating.</summary>
    internal static bool IsValid(ReadOnlySpan<char> text)
    {
        var reader = new SipValueReader(text);
        reader.SkipWhitespace();
        return TryRead(ref reader, build: false, out _) && reader.TryReadParameters(null) && reader.AtEnd;
    }

    public static SipNameAddr Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException("Invalid name-addr.");

    /// <summary>Reads ( name-addr / addr-spec ) without the parameters that follow.</summary>
    internal static bool TryRead(ref SipValueReader reader, bool build, out SipNameAddr? result)
    {
        result = null;
        string? displayName = null;
        if (reader.Peek == '"')
        {
            if (!reader.TryReadQuoted(out var quoted))
            {
                return false;
            }

            displayName = build ? SipValueReader.Unquote(quoted) : null;
            reader.SkipWhitespace();
            if (reader.Peek != '<')
            {
                return false;
            }
        }
        else if (reader.Peek != '<' && HasAngleBracket(reader.Rest))
        {
            // display-name = *(token LWS): every word must be a token (a comma or other separator is not).
            var rest = reader.Rest;
            var start = reader.Position;
            var end = start;
            var words = 0;
            var singleSpaced = true;
            while (reader.Peek != '<')
            {
                var token = reader.ReadToken();
                if (token.IsEmpty)
                {
                    return false;
                }

                words++;
                end = reader.Position;
                var before = reader.Position;
                reader.SkipWhitespace();
                singleSpaced &= reader.Position - before <= 1 && (reader.Position == before || rest[before - start] == ' ');
            }

            var raw = rest[..(end - start)];
            displayName = !build ? null : words == 1 || singleSpaced ? raw.ToString() : string.Join(' ', raw.ToString().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
        }

        if (reader.Peek == '<')
        {
            reader.Advance(1);
            var inner = reader.Rest;
            var close = inner.IndexOf('>');
            if (close < 0)
            {
                return false;
            }

            SipUri? uri = null;
            if (build ? !SipUri.TryParse(inner[..close], out uri) : !SipUri.IsValid(inner[..close], out _))
            {
                return false;
            }

            reader.Advance(close + 1);
            result = build ? new SipNameAddr(uri!, displayName) : null;
            return true;
        }

        // addr-spec: a URI with ';', ',' or '?' would need angle brackets (RFC 3261 20.10), so it ends at ';'.
        var spec = reader.ReadUntil(SipValueReader.AddrSpecStops);
        if (spec.Contains('?'))
        {
            return false;
        }

        SipUri? bare = null;
        if (build ? !SipUri.TryParse(spec, out bare) : !SipUri.IsValid(spec, out _))
        {
            return false;
        }

        result = build ? new SipNameAddr(bare!) : null;
        return true;
    }

    public SipNameAddr Clone()
    {
        var copy = new SipNameAddr(Uri.Clone(), DisplayName);
        foreach (var p in Parameters)
        {
            copy.Parameters.Add(p.Name, p.Value);
        }

        return copy;
    }

    public override string ToString()
    {
        var builder = new StringBuilder(96);
        AppendTo(builder);
        return builder.ToString();
    }

    internal void AppendTo(StringBuilder builder)
    {
        if (!string.IsNullOrEmpty(DisplayName))
        {
            SipSyntax.AppendQuoted(builder, DisplayName);
            builder.Append(' ');
        }

        builder.Append('<').Append(Uri.ToString()).Append('>');
        Parameters.AppendHeaderParameters(builder);
    }

    private static bool HasAngleBracket(ReadOnlySpan<char> rest)
    {
        // A token display name holds no ';', ',' or '"', so one of them before the first '<' means an addr-spec whose
        // '<' is elsewhere: in a later list element ("sip:a@b;p=1, <sip:c@d>") or in a quoted header parameter
        // (sip:a@b;+sip.instance="<urn:uuid:1>", RFC 5626).
        var stop = rest.IndexOfAny("<,;\"");
        return stop >= 0 && rest[stop] == '<';
    }
}
