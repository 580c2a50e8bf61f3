namespace Cti.Dialer.Simulation;

/// <summary>Synthetic traffic and shift parameters. Times in seconds.</summary>
public sealed record SimulationOptions
{
    public string Pacer { get; init; } = "predictive";
    public int Agents { get; init; } = 50;
    public double LiveAnswer { get; init; } = 0.2;
    public double Hours { get; init; } = 8;
    public int Seed { get; init; } = 1;

    /// <summary>Share of calls answered by a machine.</summary>
    public double MachineShare { get; init; } = 0.15;
    public double BusyShare { get; init; } = 0.08;
    public double NetworkFailureShare { get; init; } = 0.02;

    /// <summary>Share of machines the AMD recognises (the rest reach an agent briefly).</summary>
    public double AmdDetection { get; init; } = 0.9;

    /// <summary>Share of live callees the AMD wrongly takes for a machine and hangs up on.</summary>
    public double AmdFalsePositive { get; init; }
    public double AmdSeconds { get; init; } = 2.5;

    public double LiveRingMedian { get; init; } = 8;
    public double MachineRingMedian { get; init; } = 12;
    public double RingTimeout { get; init; } = 25;
    public double TalkMean { get; init; } = 120;
    public double WrapMean { get; init; } = 20;
    public double MachineHandling { get; init; } = 6;
    public double PreviewSeconds { get; init; } = 5;
    public double AgentWait { get; init; } = 2;
    public double AbandonCap { get; init; } = 0.03;
    public double AbandonTarget { get; init; } = 0.025;
    public double FixedRatio { get; init; } = 2.0;
    public double TickSeconds { get; init; } = 1;
}
