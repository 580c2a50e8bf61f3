namespace Cti.Host.Options;

/// <summary>
/// <c>Cti:Agents</c>: one definition per agent, keyed by its extension, holding the SIP account and the ACD settings
/// (which the ACD reads from the same entries).
/// </summary>
internal static class AgentDefinitions
{
    public const string SectionName = CtiOptions.SectionName + ":Agents";

    /// <summary>Where an entry may name its own id; the array form must, the keyed form need not.</summary>
    public static readonly IReadOnlyList<string> IdKeys = ["Extension", "Id"];

    /// <summary>The entries of <c>Cti:Agents</c> in either form.</summary>
    public static IReadOnlyList<KeyedEntry> Read(IConfiguration configuration, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return KeyedSection.Read(configuration.GetSection(SectionName), IdKeys, errors);
    }

    /// <summary>Replaces the SIP accounts of <paramref name="options"/> with those of <c>Cti:Agents</c>, read by id.</summary>
    public static void Bind(IConfiguration configuration, CtiOptions options, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Agents.Clear();
        foreach (var entry in Read(configuration, errors))
        {
            var agent = entry.Section.Get<AgentOptions>() ?? new AgentOptions();
            agent.Extension = entry.Id;
            agent.ConfigurationPath = entry.Section.Path;
            options.Agents.Add(agent);
        }
    }
}
