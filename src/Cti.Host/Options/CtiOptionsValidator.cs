using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;

using Cti.Platform.Security;

namespace Cti.Host.Options;

/// <summary>Checks the whole configuration and reports every problem at once, so one restart fixes them all.</summary>
internal sealed class CtiOptionsValidator : IValidateOptions<CtiOptions>
{
    public ValidateOptionsResult Validate(string? name, CtiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Collect(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static List<string> Collect(CtiOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            errors.Add("Cti:DataDirectory must not be empty.");
        }

        if (!Cti.Numbers.PhoneNumberNormalizer.IsSupportedRegion(options.DefaultRegion))
        {
            errors.Add($"Cti:DefaultRegion '{options.DefaultRegion}' is not a known region code (e.g. CN, US, GB).");
        }

        ValidateHttp(options.Http, errors);
        ValidateSip(options.Sip, errors);
        ValidateRegistrar(options.Registrar, errors);
        ValidateAgents(options.Agents, errors);
        ValidateApi(options.Api, errors);
        ValidateDemoCredentials(options, errors);
        return errors;
    }

    private static void ValidateHttp(HttpOptions http, List<string> errors)
    {
        if (!LoopbackAddress.TryParseListenUrl(http.Url, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"Cti:Http:Url '{http.Url}' is not an absolute http:// or https:// URL.");
        }
    }

    private static void ValidateSip(SipOptions sip, List<string> errors)
    {
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
    }

    private static void ValidateRegistrar(RegistrarOptions registrar, List<string> errors)
    {
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
    }

    private static void ValidateAgents(IList<AgentOptions> agents, List<string> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < agents.Count; i++)
        {
            var agent = agents[i];
            var prefix = agent.ConfigurationPath ?? $"Cti:Agents:{i.ToString(CultureInfo.InvariantCulture)}";
            if (string.IsNullOrWhiteSpace(agent.Extension))
            {
                errors.Add($"{prefix}:Extension must not be empty.");
            }
            else
            {
                if (!agent.Extension.All(IsUserChar))
                {
                    errors.Add($"{prefix}:Extension '{agent.Extension}' may contain only letters, digits and - _ . + characters.");
                }

                if (!seen.Add(agent.Extension))
                {
                    errors.Add($"{prefix}:Extension '{agent.Extension}' is configured more than once.");
                }
            }

            var hasPassword = !string.IsNullOrEmpty(agent.Password);
            var hasHa1 = !string.IsNullOrEmpty(agent.Ha1Md5) || !string.IsNullOrEmpty(agent.Ha1Sha256);
            if (!hasPassword && !hasHa1)
            {
                errors.Add($"{prefix} ('{agent.Extension}') has neither Password nor Ha1Md5/Ha1Sha256.");
            }

            if (hasPassword && hasHa1)
            {
                errors.Add($"{prefix} ('{agent.Extension}') has both Password and an HA1 value; give one of them.");
            }

            if (!string.IsNullOrEmpty(agent.Ha1Md5) && !IsHex(agent.Ha1Md5, 32))
            {
                errors.Add($"{prefix}:Ha1Md5 must be 32 hexadecimal characters.");
            }

            if (!string.IsNullOrEmpty(agent.Ha1Sha256) && !IsHex(agent.Ha1Sha256, 64))
            {
                errors.Add($"{prefix}:Ha1Sha256 must be 64 hexadecimal characters.");
            }

            foreach (var algorithm in agent.DigestAlgorithms)
            {
                if (!RegistrarOptions.KnownChallengeAlgorithms.Contains(algorithm, StringComparer.OrdinalIgnoreCase))
                {
                    errors.Add($"{prefix}:DigestAlgorithms has unknown algorithm '{algorithm}' (known: MD5, SHA-256).");
                }
                else if (!hasPassword && string.IsNullOrEmpty(string.Equals(algorithm, "MD5", StringComparison.OrdinalIgnoreCase) ? agent.Ha1Md5 : agent.Ha1Sha256))
                {
                    errors.Add($"{prefix}:DigestAlgorithms names {algorithm.ToUpperInvariant()} but the agent has no Password and no HA1 for it.");
                }
            }

            if (!string.IsNullOrEmpty(agent.StaticContact) && !StaticContactAddress.TryParse(agent.StaticContact, out _))
            {
                errors.Add($"{prefix}:StaticContact '{agent.StaticContact}' must be a sip: URI with a numeric IP host and a port, e.g. sip:1001@192.0.2.10:5060.");
            }
        }
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

    private static void ValidateDemoCredentials(CtiOptions options, List<string> errors)
    {
        var exposed = new List<string>();
        if (!LoopbackAddress.IsLoopbackUrl(options.Http.Url))
        {
            exposed.Add($"HTTP {options.Http.Url}");
        }

        exposed.AddRange(options.Sip.Profiles
            .Where(p => !LoopbackAddress.IsLoopbackHost(p.Value.Address))
            .Select(p => $"SIP profile '{p.Key}' on {p.Value.Address}"));
        if (exposed.Count == 0)
        {
            return;
        }

        var where = string.Join(", ", exposed);
        foreach (var key in options.Api.Keys.Where(k => k.Key == DemoCredentials.ApiKey))
        {
            errors.Add($"Cti:Api:Keys entry '{key.Name}' uses the demo key '{DemoCredentials.ApiKey}' while listening beyond loopback ({where}); set a secret key.");
        }

        foreach (var agent in options.Agents.Where(a => DemoCredentials.IsDemoPassword(a.Extension, a.Password)))
        {
            errors.Add($"Cti:Agents '{agent.Extension}' uses a demo password while listening beyond loopback ({where}); set a real password or HA1.");
        }
    }

    private static bool IsUserChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '+';

    private static bool IsHex(string value, int length) => value.Length == length && value.All(char.IsAsciiHexDigit);
}
