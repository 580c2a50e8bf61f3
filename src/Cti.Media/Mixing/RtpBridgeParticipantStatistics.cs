namespace Cti.Media.Mixing;

/// <summary>A snapshot of one bridge participant's counters.</summary>
/// <param name="PacketsIn">RTP packets accepted from the party (audio and telephone-event).</param>
/// <param name="PacketsOut">Mixed RTP packets sent to the party.</param>
/// <param name="PacketsLate">Audio packets that arrived after their turn to be mixed had passed (dropped).</param>
/// <param name="PacketsDuplicate">Audio packets whose sequence number was already buffered (dropped).</param>
/// <param name="PacketsDropped">Buffered audio pushed out by packets too far ahead (the party sends faster than the bridge mixes).</param>
/// <param name="PacketsLost">Sequence numbers skipped at playout because they never arrived.</param>
/// <param name="Underruns">Ticks at which the jitter buffer had run dry (silence mixed for the party).</param>
/// <param name="PacketsRejected">Packets from an unexpected source, not RTP (or not RTCP on the RTCP port), or neither G.711 nor telephone-event.</param>
/// <param name="RtcpPacketsIn">RTCP packets accepted on the bridge's own RTCP port (counted, not forwarded); 0 for an adopted relay leg, whose relay counts them.</param>
public readonly record struct RtpBridgeParticipantStatistics(
    long PacketsIn,
    long PacketsOut,
    long PacketsLate,
    long PacketsDuplicate,
    long PacketsDropped,
    long PacketsLost,
    long Underruns,
    long PacketsRejected,
    long RtcpPacketsIn);
