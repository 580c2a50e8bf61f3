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

        foreach (var code in options.WrapUpCodes.Where(c => !WrapUpCodeFormat.IsValid(c)))
        {
            errors.Add($"{prefix}:WrapUpCodes: '{code}' must be 1 to 32 lower-case letters, digits and '-'.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
