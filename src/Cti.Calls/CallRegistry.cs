using Cti.Calls.Legs;
using System.Collections.Concurrent;

namespace Cti.Calls;

/// <summary>
/// Finds a call by its ACD call id and by its dialogs (SIP Call-ID + our tag), from any thread. Calls add and remove
/// their own entries.
/// </summary>
internal sealed class CallRegistry
{
    private readonly ConcurrentDictionary<string, CallSession> _byAcdId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string CallId, string LocalTag), (CallSession Call, CallLegSide Side)> _byDialog = new();
    private readonly ConcurrentDictionary<string, CallSession> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _agentClaims = new(StringComparer.Ordinal);

    /// <summary>
    /// Claims a free agent for one outbound call while its reservation is on the way, so two answered calls do not
    /// race for the same agent. False when another call holds the claim.
    /// </summary>
    public bool TryClaimAgent(string agentId, string callId) =>
        _agentClaims.TryAdd(agentId, callId) || (_agentClaims.TryGetValue(agentId, out var holder) && holder == callId);

    public void ReleaseAgentClaims(string callId)
    {
        foreach (var claim in _agentClaims.Where(c => c.Value == callId).ToArray())
        {
            _agentClaims.TryRemove(claim);
        }
    }

    public int Count => _calls.Count;

    public IReadOnlyCollection<CallSession> Calls => (IReadOnlyCollection<CallSession>)_calls.Values;

    public void Add(CallSession call) => _calls[call.Id] = call;

    /// <summary>The live call with correlation id <paramref name="id"/>, if any.</summary>
    public CallSession? Find(string id) => _calls.TryGetValue(id, out var call) ? call : null;

    public void Remove(CallSession call) => _calls.TryRemove(call.Id, out _);

    public void MapAcdId(string acdCallId, CallSession call) => _byAcdId[acdCallId] = call;

    public void UnmapAcdId(string acdCallId) => _byAcdId.TryRemove(acdCallId, out _);

    public CallSession? ByAcdId(string acdCallId) => _byAcdId.TryGetValue(acdCallId, out var call) ? call : null;

    public void MapDialog(string sipCallId, string localTag, CallSession call, CallLegSide side) => _byDialog[(sipCallId, localTag)] = (call, side);

    public void UnmapDialog(string sipCallId, string localTag) => _byDialog.TryRemove((sipCallId, localTag), out _);

    public bool TryFindDialog(string? sipCallId, string? localTag, out CallSession call, out CallLegSide side)
    {
        if (sipCallId is not null && localTag is not null && _byDialog.TryGetValue((sipCallId, localTag), out var entry))
        {
            (call, side) = entry;
            return true;
        }

        call = null!;
        side = default;
        return false;
    }
}
