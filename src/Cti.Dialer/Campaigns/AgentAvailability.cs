namespace Cti.Dialer.Campaigns;

/// <summary>
/// The ACD's view of the campaign's agents: who is logged in, who is free for an outbound call, how long busy agents
/// have been on their current call (talk + wrap-up so far), and live callees waiting for an agent.
/// </summary>
public sealed record AgentAvailability(
    int LoggedIn,
    IReadOnlyList<string> FreeAgentIds,
    IReadOnlyList<TimeSpan> BusyAgentElapsed,
    int AnsweredWaiting = 0)
{
    public static AgentAvailability None { get; } = new(0, [], []);
}
