namespace Cti.Platform.Security;

/// <summary>One API key, <c>Cti:Api:Keys:&lt;name&gt;</c>.</summary>
internal sealed class ApiKeyOptions
{
    /// <summary>The key's name: its configuration key (the array form names it inside).</summary>
    public string Name { get; set; } = "";

    /// <summary>The secret sent in <c>X-Api-Key</c>.</summary>
    public string Key { get; set; } = "";

    public IList<string> Roles { get; } = new List<string>();

    /// <summary>The agent id an <c>agent</c> key acts for.</summary>
    public string? Agent { get; set; }

    /// <summary>The teams a <c>supervisor</c> key oversees; none means every agent.</summary>
    public IList<string> Teams { get; } = new List<string>();
}
