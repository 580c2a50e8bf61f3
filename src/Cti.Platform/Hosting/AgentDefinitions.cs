namespace Cti.Platform.Hosting;

/// <summary>
/// <c>Cti:Agents</c>: one definition per agent, keyed by its extension, holding the SIP account (read by the registrar)
/// and the ACD settings (read by the ACD from the same entries), so neither feature depends on the other.
/// </summary>
internal static class AgentDefinitions
{
    public const string SectionName = "Cti:Agents";

    /// <summary>Where an entry may name its own id; the array form must, the keyed form need not.</summary>
    public static readonly IReadOnlyList<string> IdKeys = ["Extension", "Id"];

    /// <summary>The entries of <c>Cti:Agents</c> in either form.</summary>
    public static IReadOnlyList<KeyedEntry> Read(IConfiguration configuration, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return KeyedSection.Read(configuration.GetSection(SectionName), IdKeys, errors);
    }
}
