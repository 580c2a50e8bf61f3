using Cti.Dialer.Campaigns;

namespace Cti.Campaigns;

/// <summary>
/// What a placed call tells its campaign, and asks it. It travels with every request handed to
/// <see cref="IDialRequestSink"/>, so call control reaches the campaign that asked without a way back to the dialer
/// of its own; outcomes end up as commands on the campaign engine's channel.
/// </summary>
internal interface IDialOutcomeSink
{
    void Report(CallOutcomeReport report);

    /// <summary>The campaign's agents that are Ready and idle, best first.</summary>
    ValueTask<IReadOnlyList<string>> FreeAgentsAsync(CancellationToken cancellationToken);
}
