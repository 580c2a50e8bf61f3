namespace Cti.Dialer.Compliance;

/// <summary>What call control does with a live-answered call waiting for an agent.</summary>
public enum AbandonDecision
{
    ConnectToAgent,
    KeepWaiting,

    /// <summary>Play the abandon message naming the caller, then hang up; the call counts as abandoned.</summary>
    PlayMessageAndHangUp,
}
