using Cti.Calls.Control;
using Microsoft.Extensions.Options;

namespace Cti.Calls;

/// <summary>Reports every problem of <c>Cti:Calls</c> at once.</summary>
internal sealed class CallsOptionsValidator : IValidateOptions<CallsOptions>
{
    public ValidateOptionsResult Validate(string? name, CallsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        const string prefix = CallsOptions.SectionName;
        if (options.MaxCallDuration < TimeSpan.FromMinutes(1) || options.MaxCallDuration > TimeSpan.FromDays(1))
        {
            errors.Add($"{prefix}:MaxCallDuration must be between 00:01:00 and 1.00:00:00 (is {options.MaxCallDuration}).");
        }

        if (options.TransferRingTimeout < TimeSpan.FromSeconds(5) || options.TransferRingTimeout > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{prefix}:TransferRingTimeout must be between 00:00:05 and 00:05:00 (is {options.TransferRingTimeout}).");
        }

        if (options.AbandonWait < TimeSpan.FromMilliseconds(500) || options.AbandonWait > TimeSpan.FromSeconds(2))
        {
            errors.Add($"{prefix}:AbandonWait must be between 00:00:00.5 and 00:00:02 (is {options.AbandonWait}): a longer wait breaks the abandon rule.");
        }

        if (options.PreviewTimeout != TimeSpan.Zero && (options.PreviewTimeout < TimeSpan.FromSeconds(5) || options.PreviewTimeout > TimeSpan.FromMinutes(10)))
        {
            errors.Add($"{prefix}:PreviewTimeout must be 00:00:00 (wait for the agent) or between 00:00:05 and 00:10:00 (is {options.PreviewTimeout}).");
        }

        if (options.ManualCallRingTimeout < TimeSpan.FromSeconds(10) || options.ManualCallRingTimeout > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{prefix}:ManualCallRingTimeout must be between 00:00:10 and 00:05:00 (is {options.ManualCallRingTimeout}).");
        }

        var click = options.ClickToDial;
        if (click.WindowStart < TimeSpan.Zero || click.WindowEnd > TimeSpan.FromDays(1) || click.WindowStart >= click.WindowEnd)
        {
            errors.Add($"{prefix}:ClickToDial: WindowStart ({click.WindowStart}) must come before WindowEnd ({click.WindowEnd}), both within one day.");
        }

        foreach (var day in click.WindowDays.Where(d => !Enum.TryParse<NodaTime.IsoDayOfWeek>(d, ignoreCase: true, out var parsed) || parsed == NodaTime.IsoDayOfWeek.None))
        {
            errors.Add($"{prefix}:ClickToDial:WindowDays: '{day}' is not a day (Monday … Sunday).");
        }

        if (NodaTime.DateTimeZoneProviders.Tzdb.GetZoneOrNull(click.FallbackTimeZone) is null)
        {
            errors.Add($"{prefix}:ClickToDial:FallbackTimeZone: '{click.FallbackTimeZone}' is not a tzdb zone.");
        }

        if (click.AgentRingTimeout < TimeSpan.FromSeconds(5) || click.AgentRingTimeout > TimeSpan.FromMinutes(2) || click.RingTimeout < TimeSpan.FromSeconds(10) || click.RingTimeout > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{prefix}:ClickToDial: AgentRingTimeout must be 5 s to 2 min and RingTimeout 10 s to 5 min (are {click.AgentRingTimeout}, {click.RingTimeout}).");
        }

        foreach (var code in options.WrapUpCodes.Where(c => !WrapUpCodeFormat.IsValid(c)))
        {
            errors.Add($"{prefix}:WrapUpCodes: '{code}' must be 1 to 32 lower-case letters, digits and '-'.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
