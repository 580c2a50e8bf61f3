namespace Cti.Routing.Engine.State;

internal enum CallPhase
{
    Waiting,
    HeldForAgent,
    Ringing,
    Connected,
    OutboundReserved,
    OutboundConnected,
}
