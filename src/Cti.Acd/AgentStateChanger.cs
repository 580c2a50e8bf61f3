using Cti.Routing.Agents;
using Cti.Routing.Engine;

namespace Cti.Acd;

/// <summary>
/// Posts an agent state request and reports its outcome. The engine answers requests only with outputs, so the
/// changer subscribes to the feed, posts the request and then a snapshot request: the loop handles them in order,
/// so every output of the request has a sequence at or below the snapshot's. Requests from the API are serialised
/// so that a rejection in that window belongs to this request.
/// </summary>
internal sealed class AgentStateChanger(AcdEngine engine, IAcdOutputFeed feed) : IDisposable
{
    private static readonly string RequestName = nameof(AgentStateRequest);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public static readonly IReadOnlyDictionary<string, AgentRequestKind> Actions = new Dictionary<string, AgentRequestKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["login"] = AgentRequestKind.Login,
        ["ready"] = AgentRequestKind.Ready,
        ["not-ready"] = AgentRequestKind.NotReady,
        ["logout"] = AgentRequestKind.Logout,
        ["hold"] = AgentRequestKind.Hold,
        ["unhold"] = AgentRequestKind.Unhold,
        ["end-wrap-up"] = AgentRequestKind.EndWrapUp,
    };

    public async Task<AgentStateChangeResult> ChangeAsync(string agentId, AgentRequestKind kind, string? reason, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var subscription = feed.Subscribe();
            if (!engine.Post(new AgentStateRequest(agentId, kind, reason)))
            {
                throw new InvalidOperationException("The routing engine has stopped.");
            }

            var snapshot = await engine.GetSnapshotAsync(cancellationToken);
            CommandRejected? rejection = null;
            if (snapshot.Sequence > subscription.StartSequence)
            {
                await foreach (var output in subscription.Reader.ReadAllAsync(cancellationToken))
                {
                    if (output is CommandRejected r && r.AgentId == agentId && r.Command == RequestName)
                    {
                        rejection = r;
                    }

                    if (output.Sequence >= snapshot.Sequence)
                    {
                        break;
                    }
                }
            }

            return new AgentStateChangeResult(snapshot.Agents.FirstOrDefault(a => a.AgentId == agentId), rejection);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
