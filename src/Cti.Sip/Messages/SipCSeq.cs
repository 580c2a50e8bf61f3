using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Cti.Sip.Messages;

/// <summary>CSeq = 1*DIGIT LWS Method; the number is a 32-bit unsigned integer (RFC 3261 20.16).</summary>
public sealed record SipCSeq(uint Number, string Method)
{
    public static bool TryParse(string? text, [NotNullWhen(true)] out SipCSeq? cseq)
    {
        cseq = null;
        if (text is null)
        {
            return false;
        }

        var reader = new SipValueReader(text);
        reader.SkipWhitespace();
        var start = reader.Position;
        while (char.IsAsciiDigit(reader.Peek))
        {
            reader.Advance(1);
        }

        if (!SipSyntax.TryParseUInt32(text.AsSpan(start, reader.Position - start), out var number)
            || !SipSyntax.IsWhitespace(reader.Peek))
        {
            return false;
        }

        reader.SkipWhitespace();
        var method = reader.ReadToken();
        reader.SkipWhitespace();
        if (method.IsEmpty || !reader.AtEnd)
        {
            return false;
        }

        cseq = new SipCSeq(number, SipMethods.Intern(method));
        return true;
    }

    /// <summary>Checks a CSeq value without allocating.</summary>
    internal static bool IsValid(ReadOnlySpan<char> text)
    {
        var reader = new SipValueReader(text);
        reader.SkipWhitespace();
        var start = reader.Position;
        while (char.IsAsciiDigit(reader.Peek))
        {
            reader.Advance(1);
        }

        if (!SipSyntax.TryParseUInt32(text[start..reader.Position], out _) || !SipSyntax.IsWhitespace(reader.Peek))
        {
            return false;
        }

        reader.SkipWhitespace();
        var method = reader.ReadToken();
        reader.SkipWhitespace();
        return !method.IsEmpty && reader.AtEnd;
    }

    public override string ToString() => Number.ToString(CultureInfo.InvariantCulture) + " " + Method;
}
