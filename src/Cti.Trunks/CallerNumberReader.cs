using Cti.Sip.Messages;

namespace Cti.Trunks;

/// <summary>Reads the caller's number as a carrier sent it; <see cref="Cti.Numbers.PhoneNumberNormalizer"/> makes it E.164.</summary>
internal static class CallerNumberReader
{
    /// <summary>The caller's number as sent: the P-Asserted-Identity user when present, else the From user.</summary>
    public static string? Read(SipRequest request)
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
