using System.Text;

namespace Cti.Webhooks;

/// <summary>
/// The signing key of a subscription, in the Standard Webhooks form <c>whsec_&lt;base64&gt;</c> (the key is the
/// decoded bytes) or a raw string (the key is its UTF-8 bytes). Either way at least <see cref="MinBytes"/> bytes.
/// </summary>
internal static class WebhookSecret
{
    public const string Prefix = "whsec_";

    public const int MinBytes = 24;

    public static bool TryParse(string? secret, out byte[] key, out string error)
    {
        key = [];
        error = "";
        if (string.IsNullOrEmpty(secret))
        {
            error = "is required.";
            return false;
        }

        if (secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            try
            {
                key = Convert.FromBase64String(secret[Prefix.Length..]);
            }
            catch (FormatException)
            {
                error = $"after '{Prefix}' must be base64.";
                return false;
            }
        }
        else
        {
            key = Encoding.UTF8.GetBytes(secret);
        }

        if (key.Length < MinBytes)
        {
            error = $"is too short: {key.Length} bytes, at least {MinBytes} needed.";
            key = [];
            return false;
        }

        return true;
    }

    public static byte[] Parse(string secret) =>
        TryParse(secret, out var key, out var error) ? key : throw new FormatException("The webhook secret " + error);

    /// <summary>A new random secret for a subscription created without one.</summary>
    public static string Generate() => Prefix + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
