using Microsoft.Extensions.Options;

namespace Cti.Registrar;

/// <summary>Checks <c>Cti:Registrar</c> (expiry bounds, nonces, algorithms, pings, bans) and reports every problem at once.</summary>
internal sealed class RegistrarOptionsValidator : IValidateOptions<RegistrarOptions>
{
    public ValidateOptionsResult Validate(string? name, RegistrarOptions options)
    {
        var errors = Collect(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static List<string> Collect(RegistrarOptions registrar)
    {
        ArgumentNullException.ThrowIfNull(registrar);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(registrar.Realm))
        {
            errors.Add("Cti:Registrar:Realm must not be empty.");
        }

        if (registrar.MinExpires < 1)
        {
            errors.Add($"Cti:Registrar:MinExpires {registrar.MinExpires} must be at least 1.");
        }

        if (registrar.MinExpires > registrar.MaxExpires)
        {
            errors.Add($"Cti:Registrar:MinExpires {registrar.MinExpires} is greater than MaxExpires {registrar.MaxExpires}.");
        }

        if (registrar.DefaultExpires < registrar.MinExpires || registrar.DefaultExpires > registrar.MaxExpires)
        {
            errors.Add($"Cti:Registrar:DefaultExpires {registrar.DefaultExpires} is outside MinExpires..MaxExpires ({registrar.MinExpires}..{registrar.MaxExpires}).");
        }

        if (registrar.NonceLifetime <= TimeSpan.Zero)
        {
            errors.Add("Cti:Registrar:NonceLifetime must be positive.");
        }

        foreach (var algorithm in registrar.ChallengeAlgorithms.Where(a => !RegistrarOptions.KnownChallengeAlgorithms.Contains(a, StringComparer.OrdinalIgnoreCase)))
        {
            errors.Add($"Cti:Registrar:ChallengeAlgorithms has unknown algorithm '{algorithm}' (known: MD5, SHA-256).");
        }

        if (registrar.OptionsPingInterval < TimeSpan.Zero)
        {
            errors.Add("Cti:Registrar:OptionsPingInterval must not be negative (zero turns pings off).");
        }

        if (registrar.Ban.MaxFailures < 1)
        {
            errors.Add($"Cti:Registrar:Ban:MaxFailures {registrar.Ban.MaxFailures} must be at least 1.");
        }

        if (registrar.Ban.Window <= TimeSpan.Zero)
        {
            errors.Add("Cti:Registrar:Ban:Window must be positive.");
        }

        if (registrar.Ban.Duration <= TimeSpan.Zero)
        {
            errors.Add("Cti:Registrar:Ban:Duration must be positive.");
        }

        return errors;
    }
}
