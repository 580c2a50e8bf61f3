namespace Cti.Dialer.Numbers;

/// <summary>
/// Masks full numbers for logs and events seen by consumers without the export role:
/// <c>+8613812345678</c> becomes <c>+86138****5678</c>.
/// </summary>
public static class PhoneNumberMasker
{
    public static string Mask(string? number)
    {
        if (string.IsNullOrEmpty(number))
        {
            return string.Empty;
        }

        var plus = number.StartsWith('+');
        var digits = plus ? number[1..] : number;
        if (digits.Length <= 4)
        {
            return (plus ? "+" : string.Empty) + new string('*', digits.Length);
        }

        // Keep the last four digits and up to five leading digits (country code + operator prefix),
        // always masking at least four digits so a short number is never shown whole.
        var keepTail = 4;
        var keepHead = Math.Clamp(digits.Length - keepTail - 4, 0, 5);
        var maskedCount = digits.Length - keepHead - keepTail;
        return (plus ? "+" : string.Empty) + digits[..keepHead] + new string('*', maskedCount) + digits[^keepTail..];
    }
}
