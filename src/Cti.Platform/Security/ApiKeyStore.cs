using System.Security.Cryptography;
using System.Text;

namespace Cti.Platform.Security;

/// <summary>The configured API keys; finds which one a presented secret is, in constant time per key.</summary>
internal sealed class ApiKeyStore
{
    private readonly (byte[] Secret, ApiCaller Caller)[] _keys;

    public ApiKeyStore(ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _keys = options.Keys
            .Select(k => (Encoding.UTF8.GetBytes(k.Key), new ApiCaller(
                k.Name,
                k.Roles.ToHashSet(StringComparer.OrdinalIgnoreCase),
                string.IsNullOrWhiteSpace(k.Agent) ? null : k.Agent,
                k.Teams.ToHashSet(StringComparer.Ordinal))))
            .ToArray();
    }

    public ApiCaller? Find(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }

        var bytes = Encoding.UTF8.GetBytes(presented);
        ApiCaller? match = null;
        foreach (var (secret, caller) in _keys)
        {
            // Compare against every key so the time taken does not say which one nearly matched.
            if (CryptographicOperations.FixedTimeEquals(bytes, secret))
            {
                match ??= caller;
            }
        }

        return match;
    }
}
