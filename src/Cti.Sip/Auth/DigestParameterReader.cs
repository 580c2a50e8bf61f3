using System.Text;

namespace Cti.Sip.Auth;

/// <summary>
/// Reads the comma-separated <c>auth-param</c> list after a scheme token (RFC 7235 §2.1) into a dictionary.
/// Used by the client side, which must accept whatever a carrier's registrar sends, including quoted lists.
/// </summary>
internal static class DigestParameterReader
{
    public const int MaxLength = 4096;

    /// <summary>Splits <c>Digest a=b, c="d"</c>: returns false for another scheme, duplicates or bad syntax.</summary>
    public static bool TryRead(string? headerValue, string scheme, Dictionary<string, string> parameters)
    {
        if (string.IsNullOrWhiteSpace(headerValue) || headerValue.Length > MaxLength)
        {
            return false;
        }

        var text = headerValue.AsSpan().Trim();
        var schemeEnd = text.IndexOfAny(' ', '\t');
        if (schemeEnd < 0 || !text[..schemeEnd].Equals(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return TryReadParameters(text[schemeEnd..], parameters);
    }

    /// <summary>Reads <c>a=b, c="d"</c> (the part after the scheme); false for duplicates or bad syntax.</summary>
    public static bool TryReadParameters(ReadOnlySpan<char> text, Dictionary<string, string> parameters)
    {
        var i = 0;
        var value = new StringBuilder();
        while (true)
        {
            while (i < text.Length && text[i] is ' ' or '\t' or ',')
            {
                i++;
            }

            if (i >= text.Length)
            {
                return parameters.Count > 0;
            }

            var nameStart = i;
            while (i < text.Length && IsTokenChar(text[i]))
            {
                i++;
            }

            if (i == nameStart)
            {
                return false;
            }

            var name = text[nameStart..i].ToString();
            SkipSpace(text, ref i);
            if (i >= text.Length || text[i] != '=')
            {
                return false;
            }

            i++;
            SkipSpace(text, ref i);
            value.Clear();
            if (!(i < text.Length && text[i] == '"' ? ReadQuoted(text, ref i, value) : ReadToken(text, ref i, value)))
            {
                return false;
            }

            if (!parameters.TryAdd(name, value.ToString()))
            {
                return false;
            }

            SkipSpace(text, ref i);
            if (i < text.Length && text[i] != ',')
            {
                return false;
            }
        }
    }

    /// <summary>Quotes a value as a quoted-string, escaping quote and backslash.</summary>
    public static string Quote(string value)
    {
        if (value.AsSpan().IndexOfAny('"', '\\') < 0)
        {
            return "\"" + value + "\"";
        }

        var builder = new StringBuilder(value.Length + 8).Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.Append('"').ToString();
    }

    private static bool ReadQuoted(ReadOnlySpan<char> text, ref int i, StringBuilder value)
    {
        i++;
        while (i < text.Length)
        {
            var c = text[i++];
            if (c == '"')
            {
                return true;
            }

            if (c == '\\')
            {
                if (i >= text.Length)
                {
                    return false;
                }

                c = text[i++];
            }

            value.Append(c);
        }

        return false;
    }

    private static bool ReadToken(ReadOnlySpan<char> text, ref int i, StringBuilder value)
    {
        var start = i;
        while (i < text.Length && IsTokenChar(text[i]))
        {
            i++;
        }

        value.Append(text[start..i]);
        return i > start;
    }

    private static void SkipSpace(ReadOnlySpan<char> text, ref int i)
    {
        while (i < text.Length && text[i] is ' ' or '\t')
        {
            i++;
        }
    }

    internal static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~' or '/' or ':' or '@';
}
