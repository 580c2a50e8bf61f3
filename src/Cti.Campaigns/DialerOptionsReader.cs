using Cti.Platform.Hosting;

namespace Cti.Campaigns;

/// <summary>Reads <c>Cti:Dialer:Campaigns</c> keyed by campaign id (<c>"Campaigns": { "renewals": { … } }</c>) or, deprecated, as an array.</summary>
internal static class DialerOptionsReader
{
    public const string CampaignsSection = DialerOptions.SectionName + ":Campaigns";

    public static readonly IReadOnlyList<string> IdKeys = ["Id"];

    public static void Apply(IConfiguration configuration, DialerOptions options, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        options.Campaigns = [.. KeyedSection.Read(configuration.GetSection(CampaignsSection), IdKeys, errors).Select(entry =>
        {
            var campaign = entry.Section.Get<CampaignDefinition>() ?? new CampaignDefinition();
            campaign.Id = entry.Id;
            return campaign;
        })];
    }
}
