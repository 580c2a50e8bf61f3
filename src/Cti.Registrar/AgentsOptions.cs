namespace Cti.Registrar;

/// <summary>The SIP accounts, <c>Cti:Agents</c>: one per extension that may register or be rung.</summary>
internal sealed class AgentsOptions
{
    /// <summary>The list sits at the root of the <c>Cti</c> section.</summary>
    public const string SectionName = "Cti";

    public IList<AgentOptions> Agents { get; } = new List<AgentOptions>();

    /// <summary>The configured extensions, for the features that check a reference against the accounts.</summary>
    public IReadOnlySet<string> Extensions() =>
        Agents.Select(a => a.Extension).Where(e => !string.IsNullOrWhiteSpace(e)).ToHashSet(StringComparer.Ordinal);
}
