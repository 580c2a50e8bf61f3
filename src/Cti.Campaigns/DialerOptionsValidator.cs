using System.Globalization;
using Microsoft.Extensions.Options;

namespace Cti.Campaigns;

/// <summary>Checks <c>Cti:Dialer</c> and lists every problem at once.</summary>
internal sealed class DialerOptionsValidator : IValidateOptions<DialerOptions>
{
    public ValidateOptionsResult Validate(string? name, DialerOptions options)
    {
        var errors = Collect(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static IReadOnlyList<string> Collect(DialerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.DefaultRegion is not null)
        {
            errors.Add($"{DialerOptions.SectionName}:DefaultRegion has moved to Cti:DefaultRegion (one region for the whole service); move the value there.");
        }

        if (options.RefreshInterval < TimeSpan.FromMilliseconds(50) || options.RefreshInterval > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{DialerOptions.SectionName}:RefreshInterval must be between 50 ms and 1 minute.");
        }

        if (options.MaxUploadBytes < 1024)
        {
            errors.Add($"{DialerOptions.SectionName}:MaxUploadBytes must be at least 1024.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Campaigns.Count; i++)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"{DialerOptions.SectionName}:Campaigns:{i}");
            var campaign = options.Campaigns[i];
            var campaignErrors = new List<string>();
            CampaignDefinitionMapper.Map(campaign, campaignErrors);
            errors.AddRange(campaignErrors.Select(e => $"{prefix} ({campaign.Id}): {e}"));
            if (!string.IsNullOrEmpty(campaign.Id) && !ids.Add(campaign.Id))
            {
                errors.Add($"{prefix}: campaign id '{campaign.Id}' is used twice.");
            }
        }

        return errors;
    }
}
