using Cti.Registrar;
using Cti.Platform.Security;
using Cti.Trunks;
using Cti.Sip.Messages;
using Cti.Sip.Stack;

namespace Cti.Calls;

internal sealed partial class CallController
{
    /// <summary>
    /// An INVITE from an agent's phone (agents profile, outside any dialog): digest-authenticated like REGISTER, the
    /// dialled user part normalised to E.164 with the trunk's region (484 when it is no number), then placed through
    /// the manual-call trunk. Banned sources get 403, a missing trunk 503.
    /// </summary>
    public async ValueTask AcceptAgentCallAsync(SipServerContext invite, RegisterRequestHandler agents, AuthFailureTracker bans, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invite);
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(bans);
        var request = invite.Request;
        if (bans.IsBanned(invite.Source.Remote.Address))
        {
            await invite.RespondAsync(invite.CreateResponse(403, "Forbidden"), cancellationToken);
            return;
        }

        if (agents.Authenticate(request, invite.Source, out var agentId) is { } challenge)
        {
            await invite.RespondAsync(challenge, cancellationToken);
            return;
        }

        // A gateway group as the manual-call route: the agent's call goes out on one of its lines.
        if (!_stopping && _options.ManualCallTrunk is { Length: > 0 } group && _gateways.Groups.Contains(group))
        {
            var line = _gateways.PickFreeLine(group);
            var lineNumber = _numbers.ToE164(request.RequestUri.User);
            if (line is null || lineNumber is null)
            {
                await invite.RespondAsync(line is null ? invite.CreateResponse(503, "No free line") : invite.CreateResponse(484, "Address Incomplete"), cancellationToken);
                return;
            }

            var lineCaller = _options.ManualCallerId is { Length: > 0 } id ? id : agentId!;
            await _calls.AgentOwnAsync(invite, agentId!, lineNumber, _calls.LineRoute(line), lineCaller, line);
            return;
        }

        var trunk = ManualCallTrunk();
        if (_stopping || trunk is null)
        {
            await invite.RespondAsync(invite.CreateResponse(503, _stopping ? "Service shutting down" : "No trunk for outgoing calls"), cancellationToken);
            return;
        }

        var number = trunk.Numbers.ToE164(request.RequestUri.User);
        if (number is null)
        {
            await invite.RespondAsync(invite.CreateResponse(484, "Address Incomplete"), cancellationToken);
            return;
        }

        var callerId = _options.ManualCallerId is { Length: > 0 } configured ? configured : trunk.Dids.Dids.FirstOrDefault() ?? agentId!;
        await _calls.AgentOwnAsync(invite, agentId!, number, trunk, callerId);
    }

    /// <summary>The trunk agents' own and click-to-dial calls leave through (<c>Cti:Calls:ManualCallTrunk</c>, else the first).</summary>
    public TrunkConfig? ManualCallTrunk()
    {
        var name = _options.ManualCallTrunk;
        var trunks = _trunks.Trunks;
        return name.Length == 0 ? (trunks.Count > 0 ? trunks[0] : null) : trunks.FirstOrDefault(t => t.Name == name);
    }
}
