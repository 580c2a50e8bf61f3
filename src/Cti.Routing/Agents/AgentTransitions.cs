namespace Cti.Routing.Agents;

/// <summary>
/// The legal agent-requested transitions. System transitions (offer, answer, end of call) are checked
/// where the call events are processed, because they depend on the call as well as the agent.
/// </summary>
internal static class AgentTransitions
{
    public static RejectionReason? Check(AgentState agent, AgentRequestKind kind, string? reason, IReadOnlySet<string> knownReasons)
    {
        var loggedIn = agent.Availability != AgentAvailability.LoggedOut;
        switch (kind)
        {
            case AgentRequestKind.Login:
                if (loggedIn)
                {
                    return RejectionReason.AlreadyLoggedIn;
                }

                return reason is null || knownReasons.Contains(reason) ? null : RejectionReason.UnknownNotReadyReason;
            case AgentRequestKind.Logout:
                if (!loggedIn)
                {
                    return RejectionReason.NotLoggedIn;
                }

                // Logging out in the middle of a call would orphan the call; wrap-up may be abandoned.
                return agent.Work is AgentWorkState.Idle or AgentWorkState.WrapUp ? null : RejectionReason.AgentBusy;
            case AgentRequestKind.Ready:
                return loggedIn ? null : RejectionReason.NotLoggedIn;
            case AgentRequestKind.NotReady:
                if (!loggedIn)
                {
                    return RejectionReason.NotLoggedIn;
                }

                return reason is not null && knownReasons.Contains(reason) ? null : RejectionReason.UnknownNotReadyReason;
            case AgentRequestKind.Hold:
                return agent.Work is AgentWorkState.OnCallInbound or AgentWorkState.OnCallOutbound ? null : RejectionReason.NotOnCall;
            case AgentRequestKind.Unhold:
                return agent.Work == AgentWorkState.OnHold ? null : RejectionReason.NotOnHold;
            case AgentRequestKind.EndWrapUp:
                return agent.Work == AgentWorkState.WrapUp ? null : RejectionReason.NotInWrapUp;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }
}
