using Cti.Platform.Hosting;
using Cti.Routing.Config;
using Microsoft.Extensions.Options;

namespace Cti.Acd;

/// <summary>
/// Validates <c>Cti:Routing</c> and lists every error: conversion problems, the engine's own rules
/// (<see cref="RoutingConfigValidator"/>) and the cross-check that every routing agent is a SIP account in
/// <c>Cti:Agents</c>, so a routed call can always ring a phone that may register.
/// </summary>
internal sealed class RoutingOptionsValidator(IReadOnlySet<string> sipExtensions) : IValidateOptions<RoutingOptions>
{
    public ValidateOptionsResult Validate(string? name, RoutingOptions options)
    {
        var errors = Collect(options, sipExtensions);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>
    /// The extensions of the SIP accounts in <c>Cti:Agents</c>, read from the configuration so that the ACD does not
    /// depend on the registrar that owns them.
    /// </summary>
    public static IReadOnlySet<string> SipExtensions(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // Keyed by extension, an account need not repeat it; the deprecated array form names it in each item.
        return AgentDefinitions.Read(configuration, new List<string>())
            .Select(e => e.Id)
            .Where(e => !string.IsNullOrWhiteSpace(e))
            .ToHashSet(StringComparer.Ordinal);
    }

    public static IReadOnlyList<string> Collect(RoutingOptions options, IReadOnlySet<string> sipExtensions)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var config = RoutingOptionsMapper.Map(options, errors);
        errors.AddRange(CheckConfig(config, sipExtensions));
        if (options.RecentEventCapacity is < 1 or > 100_000)
        {
            errors.Add("Cti:Routing:RecentEventCapacity must be between 1 and 100000.");
        }

        return errors;
    }

    /// <summary>The engine's rules plus the SIP cross-check; used at start and for every change through the API.</summary>
    public static IReadOnlyList<string> CheckConfig(RoutingConfig config, IReadOnlySet<string> sipExtensions)
    {
        var errors = new List<string>(RoutingConfigValidator.Validate(config));
        foreach (var agent in config.Agents)
        {
            if (!string.IsNullOrWhiteSpace(agent.Id) && !sipExtensions.Contains(agent.Id))
            {
                errors.Add($"agent '{agent.Id}': no SIP account with this extension in Cti:Agents.");
            }

            foreach (var extension in agent.Extensions.Where(e => e != agent.Id && !sipExtensions.Contains(e)))
            {
                errors.Add($"agent '{agent.Id}': extension '{extension}' has no SIP account in Cti:Agents.");
            }
        }

        return errors;
    }
}
