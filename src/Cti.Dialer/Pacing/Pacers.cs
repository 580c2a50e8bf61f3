namespace Cti.Dialer.Pacing;

/// <summary>Names of the built-in pacers and a factory.</summary>
public static class Pacers
{
    public const string Preview = "preview";
    public const string Progressive = "progressive";
    public const string FixedRatio = "ratio";
    public const string Adaptive = "adaptive";
    public const string Predictive = "predictive";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Preview, Progressive, FixedRatio, Adaptive, Predictive,
    };

    public static IPacer Create(string name, double fixedRatio = 2.0) => name switch
    {
        Preview => new PreviewPacer(),
        Progressive => new ProgressivePacer(),
        FixedRatio => new FixedRatioPacer(fixedRatio),
        Adaptive => new AdaptivePacer(),
        Predictive => new PredictivePacer(),
        _ => throw new ArgumentException($"Unknown pacer '{name}'.", nameof(name)),
    };
}
