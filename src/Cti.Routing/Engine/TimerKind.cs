namespace Cti.Routing.Engine;

internal enum TimerKind
{
    RingTimeout,
    Escalation,
    MaxWait,
    Announce,
    LastAgentHold,
    WrapUpEnd,
    Watchdog,
}
