using Cti.Platform.Hosting;

namespace Cti.Acd;

/// <summary>
/// Reads the ACD's queues (<c>Cti:Routing:Queues</c>, keyed by id) and agents. An agent is defined once, in
/// <c>Cti:Agents:{id}</c> beside its SIP account; it is an ACD agent when it has ACD settings. The deprecated
/// <c>Cti:Routing:Agents</c> still adds those settings by id for one release; the same agent's ACD settings in both
/// places are refused rather than merged field by field.
/// </summary>
internal static class RoutingOptionsReader
{
    public const string QueuesSection = RoutingOptions.SectionName + ":Queues";
    public const string LegacyAgentsSection = RoutingOptions.SectionName + ":Agents";

    /// <summary>The settings of an agent definition that belong to the ACD.</summary>
    public static readonly IReadOnlyList<string> AcdKeys = ["Name", "Extensions", "Skills", "Queues", "WrapUpTime", "Campaigns", "Team", "Teams"];

    public static readonly IReadOnlyList<string> QueueIdKeys = ["Id"];

    private static readonly IReadOnlyList<string> IdKeys = QueueIdKeys;

    public static void Apply(IConfiguration configuration, RoutingOptions options, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        options.Queues.Clear();
        foreach (var entry in KeyedSection.Read(configuration.GetSection(QueuesSection), IdKeys, errors))
        {
            var queue = entry.Section.Get<RoutingQueueOptions>() ?? new RoutingQueueOptions();
            queue.Id = entry.Id.Length == 0 ? null : entry.Id;
            options.Queues.Add(queue);
        }

        options.Agents.Clear();
        var defined = new Dictionary<string, string>(StringComparer.Ordinal);
        // Problems of Cti:Agents itself are reported with the SIP accounts, not twice.
        foreach (var entry in AgentDefinitions.Read(configuration, new List<string>()).Where(e => HasAcdSettings(e.Section)))
        {
            options.Agents.Add(Agent(entry));
            defined.TryAdd(entry.Id, entry.Section.Path);
        }

        foreach (var entry in KeyedSection.Read(configuration.GetSection(LegacyAgentsSection), IdKeys, errors))
        {
            if (defined.TryGetValue(entry.Id, out var path))
            {
                if (HasAcdSettings(entry.Section))
                {
                    errors.Add($"{entry.Section.Path}: agent '{entry.Id}' has ACD settings in {path} too; keep them in {path} only.");
                }

                continue;
            }

            options.Agents.Add(Agent(entry));
        }
    }

    /// <summary>The ids of <c>Cti:Routing:Queues</c> in either form, for cross-checks made before the options exist.</summary>
    public static IReadOnlySet<string>? QueueIds(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(QueuesSection);
        return section.Exists()
            ? KeyedSection.Read(section, IdKeys, new List<string>()).Select(e => e.Id).Where(id => id.Length > 0).ToHashSet(StringComparer.Ordinal)
            : null;
    }

    private static bool HasAcdSettings(IConfigurationSection section) => AcdKeys.Any(key => section.GetSection(key).Exists());

    private static RoutingAgentOptions Agent(KeyedEntry entry)
    {
        var agent = entry.Section.Get<RoutingAgentOptions>() ?? new RoutingAgentOptions();
        agent.Id = entry.Id.Length == 0 ? null : entry.Id;
        return agent;
    }
}
