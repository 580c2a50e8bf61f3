namespace Cti.Numbers;

/// <summary>
/// The one masking rule for phone numbers in logs, events, CDRs, lead views and gateway traces:
/// <c>+8613812345678</c> becomes <c>+86138****5678</c>. Up to six leading characters (country code and operator
/// prefix) and the last four (two for numbers under ten characters) stay; the rest becomes four asterisks whatever its
/// length, so neither the hidden digits nor their count show. At least four characters are always hidden.
/// </summary>
public static class PhoneNumberMask
{
    private const string Stars = "****";

    /// <summary>The masked number; null and empty come back as they are.</summary>
    public static string? Mask(string? number)
    {
        if (string.IsNullOrEmpty(number))
        {
            return number;
        }

        if (number.Length <= 4)
        {
            return new string('*', number.Length);
        }

        // Whatever stays, at least four characters go.
        var keepEnd = Math.Min(number.Length >= 10 ? 4 : 2, number.Length - 4);
        var keepStart = Math.Clamp(number.Length - keepEnd - 4, 0, 6);
        return string.Concat(number.AsSpan(0, keepStart), Stars, number.AsSpan(number.Length - keepEnd));
    }

    /// <summary>For log lines: the masked number, or <c>(none)</c> when there is none.</summary>
    public static string ForLog(string? number) => Mask(number) is { Length: > 0 } masked ? masked : "(none)";
}
