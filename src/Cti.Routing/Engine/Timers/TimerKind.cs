namespace Cti.Routing.Engine.Timers;

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
