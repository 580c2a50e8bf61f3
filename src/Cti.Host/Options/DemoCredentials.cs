namespace Cti.Host.Options;

/// <summary>
/// The demo credentials (config/appsettings.Development.json: agents' passwords and one API key per role). They are fine on loopback for a first try and must never
/// be reachable from a network.
/// </summary>
internal static class DemoCredentials
{
    /// <summary>The demo keys all start with this (and the key of earlier releases was exactly this).</summary>
    public const string ApiKeyPrefix = "dev-key";

    public static bool IsDemoApiKey(string key) => key.StartsWith(ApiKeyPrefix, StringComparison.Ordinal);

    public static bool IsDemoPassword(string extension, string? password) =>
        password is not null
        && (string.Equals(password, "demo" + extension, StringComparison.Ordinal)
            || password is "demo1001" or "demo1002" or "demo1003" or "demo1004" or "demo1005");
}
