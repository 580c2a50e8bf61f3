namespace Cti.Media.Mixing;

/// <summary>A snapshot of a bridge's counters.</summary>
/// <param name="Ticks">20 ms mixing rounds run (skipped rounds after a stall are not counted).</param>
/// <param name="FramesMixed">Listener frames mixed: one per participant per tick.</param>
/// <param name="FramesSkipped">Rounds skipped because the tick fell more than three frames behind.</param>
/// <param name="Participants">Participants in the mix now.</param>
public readonly record struct RtpMixingBridgeStatistics(long Ticks, long FramesMixed, long FramesSkipped, int Participants);
