using System.Globalization;
using System.Text;

namespace Cti.Sip.Messages;

/// <summary>One Contact value: the wildcard <c>*</c>, or a name-addr with <c>expires</c> and <c>q</c>.</summary>
public sealed class SipContact
{
    public SipContact(SipNameAddr nameAddr)
    {
        ArgumentNullException.ThrowIfNull(nameAddr);
        NameAddr = nameAddr;
    }

    private SipContact()
    {
    }

    public static SipContact Wildcard { get; } = new();

    public bool IsWildcard => NameAddr is null;

    public SipNameAddr? NameAddr { get; }

    /// <summary>The <c>expires</c> parameter; null when absent or above 2^32-1 (the caller applies its default).</summary>
    public uint? Expires =>
        NameAddr?.Parameters.Get("expires") is { } raw && SipSyntax.TryParseUInt32(raw, out var value) ? value : null;

    /// <summary>The <c>q</c> parameter (0 to 1); null when absent.</summary>
    public double? Q =>
        NameAddr?.Parameters.Get("q") is { } raw && TryParseQ(raw, out var q) ? q : null;

    public override string ToString()
    {
        if (NameAddr is null)
        {
            return "*";
        }

        var builder = new StringBuilder(96);
        NameAddr.AppendTo(builder);
        return builder.ToString();
    }

    /// <summary>Parses a whole Contact header value (one line) into its elements; with <paramref name="into"/> null, only checks it.</summary>
    internal static bool TryParseList(ReadOnlySpan<char> value, List<SipContact>? into)
    {
        var reader = new SipValueReader(value);
        reader.SkipWhitespace();
        if (reader.Peek == '*')
        {
            reader.Advance(1);
            reader.SkipWhitespace();
            if (!reader.AtEnd)
            {
                return false;
            }

            into?.Add(Wildcard);
            return true;
        }

        while (true)
        {
            if (!SipNameAddr.TryRead(ref reader, into is not null, out var nameAddr)
                || !reader.TryReadParameters(nameAddr?.Parameters, QCheck))
            {
                return false;
            }

            into?.Add(new SipContact(nameAddr!));
            if (reader.AtEnd)
            {
                return true;
            }

            if (!reader.TryConsumeSeparator(','))
            {
                return false;
            }
        }
    }

    private static readonly SipParameterCheck QCheck = static (name, value, hasValue) =>
        !name.Equals("q", StringComparison.OrdinalIgnoreCase) || (hasValue && TryParseQ(value, out _));

    // qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
    private static bool TryParseQ(ReadOnlySpan<char> raw, out double q)
    {
        q = 0;
        if (raw.Length is 0 or > 5 || raw[0] is not ('0' or '1') || (raw.Length > 1 && raw[1] != '.'))
        {
            return false;
        }

        for (var i = 2; i < raw.Length; i++)
        {
            if (!char.IsAsciiDigit(raw[i]) || (raw[0] == '1' && raw[i] != '0'))
            {
                return false;
            }
        }

        q = double.Parse(raw, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return true;
    }
}
