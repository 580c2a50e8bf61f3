namespace Cti.Platform.Security;

/// <summary>The API's authentication scheme and header.</summary>
internal static class ApiKeyDefaults
{
    public const string Scheme = "ApiKey";

    public const string HeaderName = "X-Api-Key";
}
