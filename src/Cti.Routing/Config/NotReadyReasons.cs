namespace Cti.Routing.Config;

/// <summary>Well-known NotReady reason codes.</summary>
public static class NotReadyReasons
{
    public const string Break = "break";
    public const string Lunch = "lunch";
    public const string Meeting = "meeting";
    public const string Training = "training";

    /// <summary>Set by the system by the no-answer policy; must be present in every configuration.</summary>
    public const string NoAnswer = "no-answer";

    public static IReadOnlyList<string> Defaults { get; } = [Break, Lunch, Meeting, Training, NoAnswer];
}
