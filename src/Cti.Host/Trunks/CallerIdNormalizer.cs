using Cti.Sip.Messages;
using PhoneNumbers;

namespace Cti.Host.Trunks;

/// <summary>
/// Turns the caller number a carrier sends into E.164 (+8613812345678), reading national numbers in the trunk's
/// default region. Anything that is not a plausible number stays unknown (null) rather than being guessed.
/// </summary>
internal static class CallerIdNormalizer
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static string? Normalize(string? raw, string defaultRegion)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(defaultRegion);
        if (string.IsNullOrWhiteSpace(raw) || !raw.Any(char.IsAsciiDigit) || raw.Any(char.IsAsciiLetter))
        {
            return null;
        }

        // "00" and "+" both mark an international number; carriers use either.
        var text = raw.Trim();
        try
        {
            var number = Util.Parse(text, defaultRegion.ToUpperInvariant());
            return Util.IsValidNumber(number) ? Util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>The caller's number as sent: the P-Asserted-Identity user when present, else the From user.</summary>
    public static string? CallerNumber(SipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var asserted = request.Headers.Get(SipHeaderNames.PAssertedIdentity);
        if (asserted is not null)
        {
            // The header may list a sip: and a tel: identity; the first that carries a user part wins.
            foreach (var part in asserted.Split(','))
            {
                if (SipNameAddr.TryParse(part.Trim(), out var identity) && UserOf(identity.Uri) is { } user)
                {
                    return user;
                }
            }
        }

        return request.From is { } from ? UserOf(from.Uri) : null;
    }

    private static string? UserOf(SipUri uri)
    {
        var user = uri.IsTel ? uri.Opaque ?? uri.Host : uri.User;
        if (string.IsNullOrWhiteSpace(user))
        {
            return null;
        }

        var semicolon = user.IndexOf(';', StringComparison.Ordinal);
        return semicolon >= 0 ? user[..semicolon] : user;
    }
}
