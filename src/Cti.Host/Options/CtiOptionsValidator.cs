using Cti.Platform.Hosting;
using Cti.Platform.Security;
using Cti.Registrar;

namespace Cti.Host.Options;

/// <summary>
/// The check before anything is built: every feature's validator over the root settings of <c>Cti</c> (shared
/// settings, HTTP, SIP, registrar, agents) plus the rule that spans them (no demo credentials beyond loopback), so one
/// restart fixes every problem. Each feature also validates its own options on start.
/// </summary>
internal static class CtiOptionsValidator
{
    public static List<string> Collect(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = new List<string>();
        var platform = configuration.GetSection(PlatformOptions.SectionName).Get<PlatformOptions>() ?? new();
        ApiKeysReader.Apply(configuration, platform, errors);
        errors.AddRange(Collect(
            platform,
            configuration.GetSection(HttpOptions.SectionName).Get<HttpOptions>() ?? new(),
            configuration.GetSection(SipOptions.SectionName).Get<SipOptions>() ?? new(),
            configuration.GetSection(RegistrarOptions.SectionName).Get<RegistrarOptions>() ?? new(),
            new AgentsOptions().ApplyKeys(configuration, errors)));
        return errors;
    }

    public static List<string> Collect(PlatformOptions platform, HttpOptions http, SipOptions sip, RegistrarOptions registrar, AgentsOptions agents)
    {
        var errors = PlatformOptionsValidator.Collect(platform);
        errors.AddRange(HttpOptionsValidator.Collect(http, platform, sip, agents));
        errors.AddRange(SipOptionsValidator.Collect(sip));
        errors.AddRange(RegistrarOptionsValidator.Collect(registrar));
        errors.AddRange(AgentsOptionsValidator.Collect(agents));
        errors.AddRange(AgentKeyBindings(platform.Api, agents));
        return errors;
    }

    /// <summary>An agent key acts for an agent that exists: a typo would leave the key able to do nothing.</summary>
    private static IEnumerable<string> AgentKeyBindings(ApiOptions api, AgentsOptions agents)
    {
        var extensions = agents.Extensions();
        return api.Keys
            .Where(k => !string.IsNullOrWhiteSpace(k.Agent) && !extensions.Contains(k.Agent))
            .Select(k => $"{ApiKeysReader.SectionName}:{k.Name}:Agent '{k.Agent}' is not an agent in {AgentDefinitions.SectionName}.");
    }
}
