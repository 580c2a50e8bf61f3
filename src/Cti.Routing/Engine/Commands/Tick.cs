namespace Cti.Routing.Engine;

/// <summary>Wakes the engine so it runs the timers that are due.</summary>
public sealed record Tick : AcdCommand
{
    public static Tick Instance { get; } = new();
}
