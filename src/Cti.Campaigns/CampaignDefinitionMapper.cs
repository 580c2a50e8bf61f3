using System.Globalization;
using System.Text.RegularExpressions;
using Cti.Dialer.Campaigns;
using Cti.Dialer.Compliance;
using NodaTime;
using NodaTime.Text;

namespace Cti.Campaigns;

/// <summary>Turns a <see cref="CampaignDefinition"/> into a <see cref="CampaignConfig"/>, collecting every error.</summary>
internal static partial class CampaignDefinitionMapper
{
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    /// <summary>Returns the config, or null with every problem added to <paramref name="errors"/> as "field: message".</summary>
    public static CampaignConfig? Map(CampaignDefinition definition, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;

        // The id becomes a metric label and a URL segment, so keep it short and plain.
        if (!IdPattern().IsMatch(definition.Id ?? ""))
        {
            errors.Add("id: must be 1-64 characters of a-z, 0-9, '-' or '_', starting with a letter or digit.");
        }

        if (!Enum.TryParse<CampaignMode>(definition.Mode, ignoreCase: true, out var mode) || !Enum.IsDefined(mode))
        {
            errors.Add($"mode: '{definition.Mode}' is not one of preview, progressive, predictive.");
        }

        var start = ParseTime(definition.WindowStart, "windowStart", errors);
        var end = ParseTime(definition.WindowEnd, "windowEnd", errors);
        var days = new HashSet<IsoDayOfWeek>();
        foreach (var day in definition.WindowDays ?? [])
        {
            if (Enum.TryParse<IsoDayOfWeek>(day, ignoreCase: true, out var d) && d != IsoDayOfWeek.None && Enum.IsDefined(d))
            {
                days.Add(d);
            }
            else
            {
                errors.Add($"windowDays: '{day}' is not a day name.");
            }
        }

        var holidays = new HashSet<LocalDate>();
        foreach (var holiday in definition.Holidays ?? [])
        {
            var parsed = DatePattern.Parse(holiday ?? "");
            if (parsed.Success)
            {
                holidays.Add(parsed.Value);
            }
            else
            {
                errors.Add($"holidays: '{holiday}' is not a yyyy-MM-dd date.");
            }
        }

        if (definition.RingTimeoutSeconds is < 1 or > 600)
        {
            errors.Add("ringTimeoutSeconds: must be between 1 and 600.");
        }

        if (!string.Equals(definition.InitialState, "paused", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(definition.InitialState, "running", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(definition.InitialState, "stopped", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"initialState: '{definition.InitialState}' is not one of paused, running, stopped.");
        }

        if (!Enum.TryParse<AbandonFormula>(definition.AbandonFormula, ignoreCase: true, out var formula) || !Enum.IsDefined(formula))
        {
            errors.Add($"abandonFormula: '{definition.AbandonFormula}' is not one of UsTsr, UkOfcom.");
        }

        var window = new CallingWindow { Start = start ?? new LocalTime(9, 0), End = end ?? new LocalTime(20, 0), Holidays = holidays };
        if (days.Count > 0)
        {
            window = window with { Days = days };
        }

        var config = new CampaignConfig
        {
            CampaignId = definition.Id ?? "",
            Mode = mode,
            PacerName = string.IsNullOrWhiteSpace(definition.Pacer) ? null : definition.Pacer,
            Agents = definition.Agents ?? [],
            Skill = string.IsNullOrWhiteSpace(definition.Queue) ? null : definition.Queue,
            LineGroups = definition.LineGroups ?? [],
            CallerId = definition.CallerId ?? "",
            Window = window,
            TimeZoneOverride = string.IsNullOrWhiteSpace(definition.TimeZone) ? null : definition.TimeZone,
            FallbackTimeZone = definition.FallbackTimeZone ?? "",
            MaxAttemptsPerLead = definition.MaxAttempts,
            MaxAttemptsPerNumberPerDay = definition.MaxAttemptsPerNumberPerDay,
            RingTimeout = TimeSpan.FromSeconds(Math.Clamp(definition.RingTimeoutSeconds, 1, 600)),
            AbandonRateCap = definition.AbandonRateCap,
            AbandonTarget = definition.AbandonTarget,
            AbandonFormula = formula,
            CompanyName = definition.CompanyName ?? "",
            CallbackNumber = definition.CallbackNumber ?? "",
        };

        foreach (var error in CampaignConfigValidator.Validate(config))
        {
            errors.Add("campaign: " + error);
        }

        return errors.Count == before ? config : null;
    }

    /// <summary>The initial run state named by the definition.</summary>
    public static CampaignRunState InitialState(CampaignDefinition definition) => ParseState(definition.InitialState) ?? CampaignRunState.Paused;

    public static CampaignRunState? ParseState(string? state) =>
        Enum.TryParse<CampaignRunState>(state, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null;

    public static string StateName(CampaignRunState state) => state.ToString().ToLowerInvariant();

    private static LocalTime? ParseTime(string? text, string field, ICollection<string> errors)
    {
        var result = TimePattern.Parse(text ?? "");
        if (result.Success)
        {
            return result.Value;
        }

        errors.Add(string.Create(CultureInfo.InvariantCulture, $"{field}: '{text}' is not an HH:mm time."));
        return null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex IdPattern();
}
