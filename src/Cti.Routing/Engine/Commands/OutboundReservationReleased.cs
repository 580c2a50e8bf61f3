namespace Cti.Routing.Engine;

/// <summary>The dialer gives an agent reservation back (no answer, busy, machine detected...).</summary>
public sealed record OutboundReservationReleased(string CallId) : AcdCommand;
