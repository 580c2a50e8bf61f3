namespace Cti.Host.Options;

/// <summary>
/// The demo credentials (config/appsettings.Development.json, and the API key in config/appsettings.json). They are fine on loopback for a first try and must never
/// be reachable from a network.
/// </summary>
internal static class DemoCredentials
{
    public const string ApiKey = "dev-key";

    public static bool IsDemoPassword(string extension, string? password) =>
        password is not null
        && (string.Equals(password, "demo" + extension, StringComparison.Ordinal)
            || password is "demo1001" or "demo1002" or "demo1003" or "demo1004" or "demo1005");
}
