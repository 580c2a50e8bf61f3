using Cti.Platform.Hosting;

namespace Cti.Registrar;

/// <summary>
/// The SIP accounts, <c>Cti:Agents</c>: one per extension that may register or be rung, keyed by extension
/// (<c>"Agents": { "1001": { "Password": "..." } }</c>); the older array form with an <c>Extension</c> in each item is
/// still read.
/// </summary>
internal sealed class AgentsOptions
{
    /// <summary>The accounts sit at the root of the <c>Cti</c> section.</summary>
    public const string SectionName = "Cti";

    public const string AgentsSectionName = "Cti:Agents";

    public IList<AgentOptions> Agents { get; } = new List<AgentOptions>();

    /// <summary>Each account's configuration key (its index in the array form), for error messages.</summary>
    internal IReadOnlyList<string> Keys { get; private set; } = [];

    /// <summary>True when the accounts were written as a JSON array (deprecated).</summary>
    internal bool IsArrayForm { get; private set; }

    /// <summary>The configuration key of account <paramref name="index"/>: its id, or its index in the array form.</summary>
    internal string KeyOf(int index) =>
        index < Keys.Count ? Keys[index] : index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Completes the bound accounts from their section: in the object form an account without an
    /// <c>Extension</c> takes its key.
    /// </summary>
    public AgentsOptions ApplyKeys(IConfigurationSection agents)
    {
        ArgumentNullException.ThrowIfNull(agents);
        Keys = KeyedSection.Keys(agents);
        IsArrayForm = KeyedSection.IsArrayForm(agents);
        for (var i = 0; i < Agents.Count && i < Keys.Count; i++)
        {
            if (!IsArrayForm && string.IsNullOrWhiteSpace(Agents[i].Extension))
            {
                Agents[i].Extension = Keys[i];
            }
        }

        return this;
    }

    /// <summary>The configured extensions, for the features that check a reference against the accounts.</summary>
    public IReadOnlySet<string> Extensions() =>
        Agents.Select(a => a.Extension).Where(e => !string.IsNullOrWhiteSpace(e)).ToHashSet(StringComparer.Ordinal);
}
