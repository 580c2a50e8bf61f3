using Cti.Platform.Security;
using Microsoft.Extensions.Options;

namespace Cti.Platform.Hosting;

/// <summary>Checks the shared settings (data directory, default region, API keys) and reports every problem at once.</summary>
internal sealed class PlatformOptionsValidator : IValidateOptions<PlatformOptions>
{
    public ValidateOptionsResult Validate(string? name, PlatformOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Collect(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static List<string> Collect(PlatformOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            errors.Add("Cti:DataDirectory must not be empty.");
        }

        if (!Cti.Numbers.PhoneNumberNormalizer.IsSupportedRegion(options.DefaultRegion))
        {
            errors.Add($"Cti:DefaultRegion '{options.DefaultRegion}' is not a known region code (e.g. CN, US, GB).");
        }

        if (!PlatformOptions.IsValidNodeId(options.NodeId))
        {
            errors.Add($"Cti:NodeId '{options.NodeId}' must be 1-63 lower-case letters, digits or '-', not starting or ending with '-'.");
        }

        ApiKeysValidator.Collect(options.Api, errors);
        return errors;
    }
}
