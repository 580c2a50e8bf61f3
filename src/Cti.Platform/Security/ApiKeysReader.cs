using Cti.Platform.Hosting;

namespace Cti.Platform.Security;

/// <summary>
/// Reads <c>Cti:Api:Keys</c> keyed by name (<c>"Keys": { "crm": { "Key": "…" } }</c>) and, for one release, the array
/// form whose entries name themselves (<c>Keys:0:Name=crm</c>).
/// </summary>
internal static class ApiKeysReader
{
    public const string SectionName = "Cti:Api:Keys";

    public static readonly IReadOnlyList<string> IdKeys = ["Name"];

    /// <summary>Replaces the plainly bound keys (which cannot take names from keys) with the keyed reading.</summary>
    public static void Apply(IConfiguration configuration, PlatformOptions options, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        options.Api.Keys.Clear();
        foreach (var entry in KeyedSection.Read(configuration.GetSection(SectionName), IdKeys, errors))
        {
            var key = new ApiKeyOptions { Name = entry.Id, Key = entry.Section["Key"] ?? "", Agent = entry.Section["Agent"] };
            foreach (var role in Values(entry.Section.GetSection("Roles")))
            {
                key.Roles.Add(role);
            }

            foreach (var team in Values(entry.Section.GetSection("Teams")))
            {
                key.Teams.Add(team);
            }

            options.Api.Keys.Add(key);
        }
    }

    // A list may be written as a JSON array or, on a command line, as one value.
    private static IEnumerable<string> Values(IConfigurationSection section) =>
        section.Value is { Length: > 0 } single ? [single] : section.GetChildren().Select(c => c.Value).OfType<string>();
}
