using Cti.Platform.Hosting;

namespace Cti.Registrar;

/// <summary>
/// The SIP accounts, <c>Cti:Agents</c>: one per extension that may register or be rung, keyed by extension
/// (<c>"Agents": { "1001": { "Password": "..." } }</c>); the older array form with an <c>Extension</c> in each item is
/// still read. The same definitions carry the agent's ACD settings, which the ACD reads itself.
/// </summary>
internal sealed class AgentsOptions
{
    /// <summary>The accounts sit at the root of the <c>Cti</c> section.</summary>
    public const string SectionName = "Cti";

    public const string AgentsSectionName = AgentDefinitions.SectionName;

    public IList<AgentOptions> Agents { get; } = new List<AgentOptions>();

    /// <summary>Each account's configuration key (its index in the array form), for error messages.</summary>
    internal IReadOnlyList<string> Keys { get; private set; } = [];

    /// <summary>True when the accounts were written as a JSON array (deprecated).</summary>
    internal bool IsArrayForm { get; private set; }

    /// <summary>The configuration key of account <paramref name="index"/>: its id, or its index in the array form.</summary>
    internal string KeyOf(int index) =>
        index < Keys.Count ? Keys[index] : index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads the accounts from their section by id: in the object form the key is the extension (an
    /// <c>Extension</c> inside must equal it), in the array form each item names its own. What only the reader can see
    /// (a key that differs from the id inside) goes to <paramref name="errors"/>.
    /// </summary>
    public AgentsOptions ApplyKeys(IConfiguration configuration, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(errors);
        var entries = AgentDefinitions.Read(configuration, errors);
        Agents.Clear();
        foreach (var entry in entries)
        {
            var agent = entry.Section.Get<AgentOptions>() ?? new AgentOptions();
            agent.Extension = entry.Id;
            Agents.Add(agent);
        }

        Keys = entries.Select(e => e.Section.Key).ToArray();
        IsArrayForm = entries.Any(e => e.FromArray);
        return this;
    }

    /// <summary>The reader for <see cref="KeyedOptionsBuilderExtensions.ReadKeyed{TOptions}"/>.</summary>
    public static void Read(IConfiguration configuration, AgentsOptions options, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ApplyKeys(configuration, errors);
    }

    /// <summary>The configured extensions, for the features that check a reference against the accounts.</summary>
    public IReadOnlySet<string> Extensions() =>
        Agents.Select(a => a.Extension).Where(e => !string.IsNullOrWhiteSpace(e)).ToHashSet(StringComparer.Ordinal);
}
