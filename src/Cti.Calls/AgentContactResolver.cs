using System.Net;
using Cti.Registrar;
using Cti.Acd;
using Cti.Sip.Messages;
using Cti.Sip.Transport;
using Microsoft.Extensions.Options;

namespace Cti.Calls;

/// <summary>
/// Finds where to ring an agent: the agent's extensions (the agent id when none are configured), each extension's
/// registered contacts (best q first, skipping those the OPTIONS pinger marked unreachable), then the extension's
/// static contact. Registered contacts are reached at the address the REGISTER came from, so NAT does not matter.
/// </summary>
internal sealed class AgentContactResolver
{
    private readonly RegistrarEngine _registrar;
    private readonly RoutingConfigState _routing;
    private readonly Dictionary<string, AgentContact> _static = new(StringComparer.Ordinal);

    public AgentContactResolver(RegistrarEngine registrar, RoutingConfigState routing, IOptions<AgentsOptions> options)
    {
        _registrar = registrar;
        _routing = routing;
        foreach (var agent in options.Value.Agents)
        {
            if (StaticContactAddress.TryParse(agent.StaticContact, out var contact))
            {
                _static[agent.Extension] = new AgentContact(contact.Uri, contact.Destination, IsRegistered: false);
            }
        }
    }

    /// <summary>The contact to ring, or null when the agent has no reachable device.</summary>
    public async Task<AgentContact?> ResolveAsync(string agentId, CancellationToken cancellationToken)
    {
        var agent = _routing.Current.Agents.FirstOrDefault(a => a.Id == agentId);
        IReadOnlyList<string> extensions = agent is { Extensions.Count: > 0 } ? agent.Extensions : [agentId];
        foreach (var extension in extensions)
        {
            var bindings = await _registrar.LookupAsync(extension, cancellationToken);
            foreach (var binding in bindings)
            {
                if (binding.Reachable == false || !SipUri.TryParse(binding.ContactUri, out var uri) || !IPEndPoint.TryParse(binding.SourceAddress, out var remote))
                {
                    continue;
                }

                var transport = binding.SourceTransport == SipTransportNames.Tcp ? SipTransportProtocol.Tcp : SipTransportProtocol.Udp;
                return new AgentContact(uri, new SipEndPoint(transport, remote), IsRegistered: true);
            }

            if (_static.TryGetValue(extension, out var contact))
            {
                return contact;
            }
        }

        return null;
    }
}
