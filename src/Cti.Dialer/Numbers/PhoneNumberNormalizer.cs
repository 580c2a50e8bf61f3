using PhoneNumbers;

namespace Cti.Dialer.Numbers;

/// <summary>Parses raw numbers from lists into E.164 with libphonenumber, using a configurable default region.</summary>
public sealed class PhoneNumberNormalizer
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public PhoneNumberNormalizer(string defaultRegion = "CN")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(defaultRegion);
        DefaultRegion = defaultRegion.ToUpperInvariant();
    }

    public string DefaultRegion { get; }

    /// <summary>Normalises <paramref name="raw"/>; on failure returns false and a human-readable reason.</summary>
    public bool TryNormalize(string? raw, out NormalizedPhoneNumber? number, out string? reason)
    {
        number = null;
        if (string.IsNullOrWhiteSpace(raw))
        {
            reason = "phone number is empty";
            return false;
        }

        PhoneNumber parsed;
        try
        {
            parsed = Util.Parse(raw.Trim(), DefaultRegion);
        }
        catch (NumberParseException ex)
        {
            reason = $"phone number cannot be parsed ({ex.ErrorType})";
            return false;
        }

        if (!Util.IsValidNumber(parsed))
        {
            reason = "phone number is not valid for its region";
            return false;
        }

        var region = Util.GetRegionCodeForNumber(parsed) ?? DefaultRegion;
        number = new NormalizedPhoneNumber(Util.Format(parsed, PhoneNumberFormat.E164), region, MapKind(Util.GetNumberType(parsed)));
        reason = null;
        return true;
    }

    internal static PhoneNumber ParseE164(string e164) => Util.Parse(e164, null);

    private static PhoneNumberKind MapKind(PhoneNumberType type) => type switch
    {
        PhoneNumberType.MOBILE => PhoneNumberKind.Mobile,
        PhoneNumberType.FIXED_LINE => PhoneNumberKind.FixedLine,
        PhoneNumberType.FIXED_LINE_OR_MOBILE => PhoneNumberKind.FixedLineOrMobile,
        PhoneNumberType.TOLL_FREE => PhoneNumberKind.TollFree,
        PhoneNumberType.VOIP => PhoneNumberKind.Voip,
        PhoneNumberType.UNKNOWN => PhoneNumberKind.Unknown,
        _ => PhoneNumberKind.Other,
    };
}
