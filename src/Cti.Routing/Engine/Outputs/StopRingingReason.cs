namespace Cti.Routing.Engine;

public enum StopRingingReason
{
    AnsweredElsewhere,
    RingTimeout,
    CallerHungUp,
    Cancelled,
}
