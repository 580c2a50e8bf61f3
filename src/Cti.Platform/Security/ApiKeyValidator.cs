using System.Security.Cryptography;
using System.Text;

namespace Cti.Platform.Security;

/// <summary>Matches a presented API key against the configured ones in constant time per key.</summary>
internal sealed class ApiKeyValidator
{
    public const string HeaderName = "X-Api-Key";

    private readonly (string Name, byte[] Key, string[] Roles)[] _keys;

    public ApiKeyValidator(IEnumerable<ApiKeyOptions> keys)
    {
        _keys = keys.Select(k => (k.Name, Encoding.UTF8.GetBytes(k.Key), k.Roles.ToArray())).ToArray();
    }

    /// <summary>The name of the matching key, or null.</summary>
    public string? Validate(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }

        var bytes = Encoding.UTF8.GetBytes(presented);
        string? match = null;
        foreach (var (name, key, _) in _keys)
        {
            // Compare against every key so the time taken does not say which one nearly matched.
            if (CryptographicOperations.FixedTimeEquals(bytes, key))
            {
                match ??= name;
            }
        }

        return match;
    }
}
