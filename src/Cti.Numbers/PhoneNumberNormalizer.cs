using PhoneNumbers;

namespace Cti.Numbers;

/// <summary>
/// The service's one E.164 normaliser (libphonenumber): numbers written without a country code are read in the
/// default region (<c>Cti:DefaultRegion</c>, or a trunk's own region). Lists, do-not-call uploads, click-to-dial and
/// agents' dialled numbers use <see cref="TryNormalize"/>; caller numbers from carriers and lines use
/// <see cref="ToE164"/>.
/// </summary>
public sealed class PhoneNumberNormalizer
{
    /// <summary>The region used when none is configured.</summary>
    public const string FallbackRegion = "CN";

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public PhoneNumberNormalizer(string defaultRegion = FallbackRegion)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(defaultRegion);
        DefaultRegion = defaultRegion.ToUpperInvariant();
    }

    public string DefaultRegion { get; }

    /// <summary>True for an ISO 3166 region code libphonenumber knows (any case).</summary>
    public static bool IsSupportedRegion(string? region) =>
        !string.IsNullOrWhiteSpace(region) && Util.GetSupportedRegions().Contains(region.ToUpperInvariant());

    /// <summary>This normaliser with another default region (a trunk's own), or itself when the region is the same.</summary>
    public PhoneNumberNormalizer WithRegion(string? region) =>
        string.IsNullOrWhiteSpace(region) || string.Equals(region, DefaultRegion, StringComparison.OrdinalIgnoreCase)
            ? this
            : new PhoneNumberNormalizer(region);

    /// <summary>
    /// A caller's number as E.164, or null when it is not a plausible number. Text with letters (<c>anonymous</c>,
    /// a SIP user name) is never read as a vanity number here: a carrier's caller ID is digits or nothing.
    /// </summary>
    public string? ToE164(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw) || !raw.Any(char.IsAsciiDigit) || raw.Any(char.IsAsciiLetter))
        {
            return null;
        }

        return TryNormalize(raw, out var number, out _) ? number!.E164 : null;
    }

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
