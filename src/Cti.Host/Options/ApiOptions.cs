namespace Cti.Host.Options;

internal sealed class ApiOptions
{
    public IList<ApiKeyOptions> Keys { get; } = new List<ApiKeyOptions>();
}
