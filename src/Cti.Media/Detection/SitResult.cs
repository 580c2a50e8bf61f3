namespace Cti.Media.Detection;

/// <summary>The special-information-tone detector's state after a frame.</summary>
/// <param name="Outcome">The decision, or <see cref="SitOutcome.Undecided"/>.</param>
/// <param name="Category">The tone's coding when a tone decided, else <see cref="SitCategory.None"/>.</param>
/// <param name="ElapsedMilliseconds">Audio analysed when it decided (or so far), counted in frames.</param>
public readonly record struct SitResult(SitOutcome Outcome, SitCategory Category, int ElapsedMilliseconds)
{
    /// <summary>Whether a decision has been made; later frames do not change it.</summary>
    public bool IsDecided => Outcome != SitOutcome.Undecided;
}
