using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;

namespace Cti.Registrar;

/// <summary>Checks <c>Cti:Sip</c> (domain, profiles, timers) and reports every problem at once.</summary>
internal sealed class SipOptionsValidator : IValidateOptions<SipOptions>
{
    public ValidateOptionsResult Validate(string? name, SipOptions options)
    {
        var errors = Collect(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static List<string> Collect(SipOptions sip)
    {
        ArgumentNullException.ThrowIfNull(sip);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(sip.Domain))
        {
            errors.Add("Cti:Sip:Domain must not be empty.");
        }

        if (!sip.Profiles.ContainsKey(SipOptions.AgentsProfile))
        {
            errors.Add($"Cti:Sip:Profiles must contain the profile '{SipOptions.AgentsProfile}'.");
        }

        var endpoints = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (profileName, profile) in sip.Profiles)
        {
            var prefix = $"Cti:Sip:Profiles:{profileName}";
            if (!IPAddress.TryParse(profile.Address, out _))
            {
                errors.Add($"{prefix}:Address '{profile.Address}' is not an IP address.");
            }

            if (profile.Port is < 1 or > 65535)
            {
                errors.Add($"{prefix}:Port {profile.Port} is outside 1-65535.");
            }

            foreach (var transport in profile.Transports.Where(t => !SipTransportNames.All.Contains(t)))
            {
                errors.Add($"{prefix}:Transports has unknown transport '{transport}' (known: {string.Join(", ", SipTransportNames.All)}).");
            }

            foreach (var transport in profile.EffectiveTransports)
            {
                var key = $"{transport}/{profile.Address}:{profile.Port.ToString(CultureInfo.InvariantCulture)}";
                if (!endpoints.TryAdd(key, profileName))
                {
                    errors.Add($"{prefix} listens on {key}, which profile '{endpoints[key]}' already uses.");
                }
            }
        }

        var timers = sip.Timers;
        if (timers.T1 <= TimeSpan.Zero)
        {
            errors.Add("Cti:Sip:Timers:T1 must be positive.");
        }

        if (timers.T2 < timers.T1)
        {
            errors.Add("Cti:Sip:Timers:T2 must not be smaller than T1.");
        }

        if (timers.T4 <= TimeSpan.Zero)
        {
            errors.Add("Cti:Sip:Timers:T4 must be positive.");
        }

        return errors;
    }
}
