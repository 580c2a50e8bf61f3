namespace Cti.Dialer.Pacing;

/// <summary>
/// What the abandon-budget controller lets one pacing decision spend.
/// </summary>
/// <param name="Multiplier">Scales the model's per-decision abandon-risk allowance: above 1 when under budget, below 1 when over.</param>
/// <param name="HardStop">The running rate is close enough to the cap that only abandon-free (progressive) calls may be placed.</param>
/// <param name="EstimatedRate">The smoothed running abandon rate the controller acted on.</param>
public readonly record struct AbandonAllowance(double Multiplier, bool HardStop, double EstimatedRate);
