namespace Cti.Dialer.Pacing;

/// <summary>Progressive: exactly one outstanding call per free agent, so an answered call always has an agent.</summary>
public sealed class ProgressivePacer : IPacer
{
    public string Name => Pacers.Progressive;

    public int CallsToPlace(PacingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.LoggedInAgents == 0 ? 0 : Math.Max(0, snapshot.FreeAgents - snapshot.DialingCallAges.Count - snapshot.AnsweredWaiting);
    }
}
