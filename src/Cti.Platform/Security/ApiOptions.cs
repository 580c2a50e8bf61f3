namespace Cti.Platform.Security;

internal sealed class ApiOptions
{
    public IList<ApiKeyOptions> Keys { get; } = new List<ApiKeyOptions>();
}
