namespace Cti.Routing.Engine;

public enum OverflowReason
{
    Escalation,
    MaxWait,
    QueueFull,
    QueueEmpty,
    QueueRemoved,
}
