using System.Security.Cryptography;
using System.Text;

namespace Cti.Platform.Security;

/// <summary>
/// Finds which configured key (Cti:Api:Keys) made a request, for role checks. Authentication itself stays with
/// <see cref="ApiKeyEndpointFilter"/>; this only looks up the name and roles of a key the filter already accepted,
/// with the same constant-time comparison, and caches the answer on the request.
/// </summary>
internal sealed class ApiCallerResolver
{
    private static readonly object ItemKey = new();
    private readonly (byte[] Key, ApiCaller Caller)[] _keys;

    public ApiCallerResolver(ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _keys = options.Keys
            .Select(k => (Encoding.UTF8.GetBytes(k.Key), new ApiCaller(k.Name, new HashSet<string>(k.Roles, StringComparer.OrdinalIgnoreCase))))
            .ToArray();
    }

    public ApiCaller? Resolve(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(ItemKey, out var cached))
        {
            return (ApiCaller?)cached;
        }

        var caller = Find(context.Request.Headers[ApiKeyValidator.HeaderName].ToString());
        context.Items[ItemKey] = caller;
        return caller;
    }

    public ApiCaller? Find(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }

        var bytes = Encoding.UTF8.GetBytes(presented);
        ApiCaller? match = null;
        foreach (var (key, caller) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(bytes, key))
            {
                match ??= caller;
            }
        }

        return match;
    }
}
