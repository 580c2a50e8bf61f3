using Cti.Gateways.Hosting;

namespace Cti.Gateways.Lines;

/// <summary>The result of <see cref="IGatewayLine.DialAsync"/>.</summary>
internal sealed record GatewayDialResult(GatewayDialOutcome Outcome, string? Cause = null, int? ErrorCode = null)
{
    public bool IsAnswered => Outcome == GatewayDialOutcome.Answered;

    /// <summary>The metric label: lower-case, hyphenated, bounded.</summary>
    public string Label => GatewayLabels.Outcome(Outcome);
}
