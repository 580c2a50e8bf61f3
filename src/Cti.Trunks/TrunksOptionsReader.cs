using Cti.Platform.Hosting;

namespace Cti.Trunks;

/// <summary>Reads <c>Cti:Trunks</c> keyed by trunk name (<c>"Trunks": { "carrier-a": { … } }</c>) or, deprecated, as an array.</summary>
internal static class TrunksOptionsReader
{
    public static readonly IReadOnlyList<string> IdKeys = ["Name"];

    public static void Apply(IConfiguration configuration, TrunksOptions options, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        options.Trunks.Clear();
        foreach (var entry in KeyedSection.Read(configuration.GetSection(TrunksOptions.SectionName), IdKeys, errors))
        {
            var trunk = entry.Section.Get<TrunkOptions>() ?? new TrunkOptions();
            trunk.Name = entry.Id;
            trunk.ConfigurationPath = entry.Section.Path;
            options.Trunks.Add(trunk);
        }
    }
}
