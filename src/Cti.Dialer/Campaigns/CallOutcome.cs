namespace Cti.Dialer.Campaigns;

/// <summary>How a placed call ended, as reported by call control.</summary>
public enum CallOutcome
{
    AnsweredLive,
    AnsweredMachine,
    Busy,
    NoAnswer,

    /// <summary>The network said the number does not exist (SIP 404, 484 or 604).</summary>
    Invalid,
    NetworkFailure,

    /// <summary>A live callee got no agent within the abandon wait and heard the abandon message.</summary>
    Abandoned,
}
