namespace Cti.Media.Detection;

/// <summary>The answering-machine detector's state after a frame.</summary>
/// <param name="Outcome">The decision, or <see cref="AmdOutcome.Undecided"/>.</param>
/// <param name="Reason">The rule that decided.</param>
/// <param name="ElapsedMilliseconds">Audio analysed when it decided (or so far), counted in frames.</param>
public readonly record struct AmdResult(AmdOutcome Outcome, AmdReason Reason, int ElapsedMilliseconds)
{
    /// <summary>Whether a decision has been made; later frames do not change it.</summary>
    public bool IsDecided => Outcome != AmdOutcome.Undecided;
}
