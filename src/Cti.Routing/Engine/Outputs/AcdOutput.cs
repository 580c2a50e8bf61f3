namespace Cti.Routing.Engine;

/// <summary>Something the engine emits: a decision the host must act on, or an event for observers.</summary>
public abstract record AcdOutput
{
    /// <summary>Strictly increasing across every output of one engine.</summary>
    public long Sequence { get; internal set; }

    public DateTimeOffset At { get; internal set; }
}
