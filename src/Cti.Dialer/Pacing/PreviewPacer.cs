namespace Cti.Dialer.Pacing;

/// <summary>Preview: one lead per free agent, shown to the agent who then starts the call; never more than free agents.</summary>
public sealed class PreviewPacer : IPacer
{
    public string Name => Pacers.Preview;

    public int CallsToPlace(PacingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.LoggedInAgents == 0 ? 0 : Math.Max(0, snapshot.FreeAgents - snapshot.DialingCallAges.Count - snapshot.AnsweredWaiting);
    }
}
