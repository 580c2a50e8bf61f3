using System.Globalization;
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

        ValidateApi(options.Api, errors);
        return errors;
    }

    private static void ValidateApi(ApiOptions api, List<string> errors)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < api.Keys.Count; i++)
        {
            var key = api.Keys[i];
            var prefix = $"Cti:Api:Keys:{i.ToString(CultureInfo.InvariantCulture)}";
            if (string.IsNullOrWhiteSpace(key.Name))
            {
                errors.Add($"{prefix}:Name must not be empty.");
            }
            else if (!names.Add(key.Name))
            {
                errors.Add($"{prefix}:Name '{key.Name}' is used more than once.");
            }

            if (string.IsNullOrWhiteSpace(key.Key))
            {
                errors.Add($"{prefix}:Key must not be empty.");
            }
            else if (!keys.Add(key.Key))
            {
                // The key itself is a secret: name the entry, not the value.
                errors.Add($"{prefix} ('{key.Name}') repeats the key of another entry.");
            }
        }
    }
}
