namespace Cti.Calls.Legs;

/// <summary>How the callee leg came about, which decides what the ACD is told about it.</summary>
internal enum CalleeKind
{
    /// <summary>The ACD offered the call to this agent (answer/reject/time-out go back to it).</summary>
    AcdOffer,

    /// <summary>A blind transfer to a named agent, reserved in the ACD for the duration.</summary>
    ReservedAgent,

    /// <summary>A blind transfer to an outside number through a trunk.</summary>
    External,

    /// <summary>The customer an outbound (dialer) call rings: once answered it becomes the call's caller leg.</summary>
    Customer,

    /// <summary>A third party (a supervisor, a conference member, an attended transfer's target); its audio goes through the call's mixer.</summary>
    Supervisor,
}
