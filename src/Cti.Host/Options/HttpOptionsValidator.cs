using Cti.Platform.Hosting;
using Cti.Registrar;
using Microsoft.Extensions.Options;

namespace Cti.Host.Options;

/// <summary>
/// Checks <c>Cti:Http</c> and the rule that spans the listeners: the shipped demo key and demo passwords are refused
/// when HTTP or any SIP profile listens beyond loopback.
/// </summary>
internal sealed class HttpOptionsValidator(IOptions<PlatformOptions> platform, IOptions<SipOptions> sip, IOptions<AgentsOptions> agents)
    : IValidateOptions<HttpOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpOptions options)
    {
        var errors = Collect(options, platform.Value, sip.Value, agents.Value);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static List<string> Collect(HttpOptions http, PlatformOptions platform, SipOptions sip, AgentsOptions agents)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(sip);
        ArgumentNullException.ThrowIfNull(agents);
        var errors = new List<string>();
        if (!LoopbackAddress.TryParseListenUrl(http.Url, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"Cti:Http:Url '{http.Url}' is not an absolute http:// or https:// URL.");
        }

        var exposed = new List<string>();
        if (!LoopbackAddress.IsLoopbackUrl(http.Url))
        {
            exposed.Add($"HTTP {http.Url}");
        }

        exposed.AddRange(sip.Profiles
            .Where(p => !LoopbackAddress.IsLoopbackHost(p.Value.Address))
            .Select(p => $"SIP profile '{p.Key}' on {p.Value.Address}"));
        if (exposed.Count == 0)
        {
            return errors;
        }

        var where = string.Join(", ", exposed);
        foreach (var key in platform.Api.Keys.Where(k => DemoCredentials.IsDemoApiKey(k.Key)))
        {
            errors.Add($"Cti:Api:Keys:{key.Name} uses a demo key ('{DemoCredentials.ApiKeyPrefix}…') while listening beyond loopback ({where}); set a secret key.");
        }

        foreach (var agent in agents.Agents.Where(a => DemoCredentials.IsDemoPassword(a.Extension, a.Password)))
        {
            errors.Add($"Cti:Agents '{agent.Extension}' uses a demo password while listening beyond loopback ({where}); set a real password or HA1.");
        }

        return errors;
    }
}
