using Microsoft.Extensions.Options;

namespace Cti.Gateways.Hosting;

/// <summary>Checks every line and reports all problems at once.</summary>
internal sealed class GatewaysOptionsValidator : IValidateOptions<GatewaysOptions>
{
    private static readonly int[] s_dataBits = [5, 6, 7, 8];

    public ValidateOptionsResult Validate(string? name, GatewaysOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Collect(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static List<string> Collect(GatewaysOptions options)
    {
        var errors = new List<string>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ports = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Lines.Count; i++)
        {
            var line = options.Lines[i];
            var prefix = $"Cti:Gateways:Lines:{i}";
            if (string.IsNullOrWhiteSpace(line.Name))
            {
                errors.Add($"{prefix}:Name must not be empty.");
            }
            else if (!names.Add(line.Name))
            {
                errors.Add($"{prefix}:Name '{line.Name}' is used by another line.");
            }

            if (string.IsNullOrWhiteSpace(line.Group))
            {
                errors.Add($"{prefix}:Group must not be empty.");
            }

            if (string.IsNullOrWhiteSpace(line.PortName))
            {
                errors.Add($"{prefix}:PortName must not be empty.");
            }
            else if (!ports.Add(line.PortName))
            {
                errors.Add($"{prefix}:PortName '{line.PortName}' is used by another line.");
            }

            if (line.BaudRate is < 300 or > 4_000_000)
            {
                errors.Add($"{prefix}:BaudRate {line.BaudRate} is outside 300..4000000.");
            }

            if (!s_dataBits.Contains(line.DataBits))
            {
                errors.Add($"{prefix}:DataBits {line.DataBits} must be 5, 6, 7 or 8.");
            }

            if (line.StopBits == System.IO.Ports.StopBits.None)
            {
                errors.Add($"{prefix}:StopBits must be One, OnePointFive or Two.");
            }

            if (!Uri.TryCreate(line.AudioEndpoint, UriKind.Absolute, out var audio) || (audio.Scheme != "sip" && audio.Scheme != "sips"))
            {
                errors.Add($"{prefix}:AudioEndpoint '{line.AudioEndpoint}' is not a sip: or sips: URI.");
            }

            if (string.IsNullOrWhiteSpace(line.ResetCommand) || !line.ResetCommand.StartsWith("AT", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"{prefix}:ResetCommand must be an AT command.");
            }

            if (line.MaxFailuresBeforeOutOfService < 1)
            {
                errors.Add($"{prefix}:MaxFailuresBeforeOutOfService must be at least 1.");
            }

            Positive(line.InitTimeout, $"{prefix}:InitTimeout", errors);
            Positive(line.CommandTimeout, $"{prefix}:CommandTimeout", errors);
            Positive(line.PollClccInterval, $"{prefix}:PollClccInterval", errors);
            Positive(line.HealthPollInterval, $"{prefix}:HealthPollInterval", errors);
            Positive(line.ReopenInitialDelay, $"{prefix}:ReopenInitialDelay", errors);
            if (line.ResetSettleTime < TimeSpan.Zero)
            {
                errors.Add($"{prefix}:ResetSettleTime must not be negative.");
            }

            if (line.ReopenMaxDelay < line.ReopenInitialDelay)
            {
                errors.Add($"{prefix}:ReopenMaxDelay must not be shorter than ReopenInitialDelay.");
            }

            ValidateCaps(line.Caps, $"{prefix}:Caps", errors);
        }

        return errors;
    }

    private static void ValidateCaps(GatewayCapsOptions? caps, string prefix, List<string> errors)
    {
        if (caps is null)
        {
            return;
        }

        if (caps.MaxCallsPerDay is < 1)
        {
            errors.Add($"{prefix}:MaxCallsPerDay must be at least 1 when set.");
        }

        if (caps.MinGapBetweenCalls is { } gap && gap < TimeSpan.Zero)
        {
            errors.Add($"{prefix}:MinGapBetweenCalls must not be negative.");
        }

        if (caps.ActiveHours is { } hours && hours.From == hours.To)
        {
            errors.Add($"{prefix}:ActiveHours From and To must differ (leave ActiveHours out for all day).");
        }
    }

    private static void Positive(TimeSpan value, string key, List<string> errors)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{key} must be positive.");
        }
    }
}
