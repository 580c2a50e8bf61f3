namespace Cti.Routing.Engine;

internal enum CallPhase
{
    Waiting,
    HeldForAgent,
    Ringing,
    Connected,
    OutboundReserved,
    OutboundConnected,
}
