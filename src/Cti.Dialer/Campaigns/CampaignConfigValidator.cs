using NodaTime;

namespace Cti.Dialer.Campaigns;

/// <summary>Checks a campaign and returns every problem at once.</summary>
public static class CampaignConfigValidator
{
    public static IReadOnlyList<string> Validate(CampaignConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(config.CampaignId))
        {
            errors.Add("CampaignId is required.");
        }

        if (string.IsNullOrWhiteSpace(config.CallerId))
        {
            errors.Add("CallerId is required.");
        }

        if (config.LineGroups.Count == 0)
        {
            errors.Add("At least one line group is required.");
        }

        if (config.Agents.Count == 0 && string.IsNullOrWhiteSpace(config.Skill))
        {
            errors.Add("Either agents or a skill is required.");
        }

        if (config.PacerName is not null && !Pacing.Pacers.All.Contains(config.PacerName))
        {
            errors.Add($"Unknown pacer '{config.PacerName}'.");
        }

        if (config.TimeZoneOverride is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(config.TimeZoneOverride) is null)
        {
            errors.Add($"Unknown time zone '{config.TimeZoneOverride}'.");
        }

        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(config.FallbackTimeZone) is null)
        {
            errors.Add($"Unknown fallback time zone '{config.FallbackTimeZone}'.");
        }

        if (config.Window.Days.Count == 0 || config.Window.End <= config.Window.Start)
        {
            errors.Add("The calling window must have at least one day and End after Start.");
        }

        if (config.MaxAttemptsPerLead < 1)
        {
            errors.Add("MaxAttemptsPerLead must be at least 1.");
        }

        if (config.MaxAttemptsPerNumberPerDay < 1)
        {
            errors.Add("MaxAttemptsPerNumberPerDay must be at least 1.");
        }

        if (config.MinimumRingTimeout < TimeSpan.FromSeconds(15))
        {
            errors.Add("MinimumRingTimeout must be at least 15 s.");
        }

        if (config.RingTimeout < config.MinimumRingTimeout)
        {
            errors.Add("RingTimeout must not be shorter than MinimumRingTimeout.");
        }

        if (config.AbandonRateCap is <= 0 or > 0.03)
        {
            errors.Add("AbandonRateCap must be in (0, 0.03].");
        }

        // Written so that NaN fails too.
        if (!(config.AbandonTarget > 0 && config.AbandonTarget <= config.AbandonRateCap))
        {
            errors.Add("AbandonTarget must be in (0, AbandonRateCap].");
        }

        if (!Enum.IsDefined(config.AbandonFormula))
        {
            errors.Add($"Unknown abandon formula '{config.AbandonFormula}'.");
        }

        if (config.AbandonAgentWait <= TimeSpan.Zero || config.AbandonAgentWait > TimeSpan.FromSeconds(2))
        {
            errors.Add("AbandonAgentWait must be in (0, 2 s].");
        }

        if (config.FixedDialRatio < 1)
        {
            errors.Add("FixedDialRatio must be at least 1.");
        }

        return errors;
    }
}
