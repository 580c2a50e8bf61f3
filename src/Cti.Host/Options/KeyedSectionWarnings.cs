using Cti.Acd;
using Cti.Campaigns;
using Cti.Platform.Hosting;
using Cti.Trunks;

namespace Cti.Host.Options;

/// <summary>
/// Logs, once per section at start, the configuration forms kept for one release only: definitions written as arrays
/// instead of keyed by id, and <c>Cti:Routing:Agents</c> beside <c>Cti:Agents</c>.
/// </summary>
internal sealed partial class KeyedSectionWarnings(IConfiguration configuration, ILogger<KeyedSectionWarnings> logger) : IHostedService
{
    public const string RoutingAgentsSection = RoutingOptionsReader.LegacyAgentsSection;

    /// <summary>Every section of definitions keyed by id, with the properties that name an id inside an entry.</summary>
    public static readonly IReadOnlyList<(string Section, IReadOnlyList<string> IdKeys)> Sections =
    [
        (AgentDefinitions.SectionName, AgentDefinitions.IdKeys),
        (RoutingOptionsReader.QueuesSection, RoutingOptionsReader.QueueIdKeys),
        (TrunksOptions.SectionName, TrunksOptionsReader.IdKeys),
        (DialerOptionsReader.CampaignsSection, DialerOptionsReader.IdKeys),
        (Cti.Platform.Security.ApiKeysReader.SectionName, Cti.Platform.Security.ApiKeysReader.IdKeys),
    ];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (section, idKeys) in Sections)
        {
            if (KeyedSection.IsArrayForm(configuration.GetSection(section), idKeys))
            {
                LogArrayForm(logger, section);
            }
        }

        if (configuration.GetSection(RoutingAgentsSection).Exists())
        {
            LogRoutingAgents(logger, RoutingAgentsSection, AgentDefinitions.SectionName);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 5900, Level = LogLevel.Warning,
        Message = "{Section} as an array is deprecated; key it by id (\"{Section}\": {{ \"<id>\": {{ ... }} }}). The array form goes in the next release")]
    private static partial void LogArrayForm(ILogger logger, string section);

    [LoggerMessage(EventId = 5901, Level = LogLevel.Warning,
        Message = "{Section} is deprecated; move each agent's ACD settings (skills, queues, name...) into {Agents}:<id>. It goes in the next release")]
    private static partial void LogRoutingAgents(ILogger logger, string section, string agents);
}
