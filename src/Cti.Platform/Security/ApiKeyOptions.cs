namespace Cti.Platform.Security;

internal sealed class ApiKeyOptions
{
    public string Name { get; set; } = "";

    public string Key { get; set; } = "";

    public IList<string> Roles { get; } = new List<string>();
}
