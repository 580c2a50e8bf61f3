using System.Net;

namespace Cti.Media.Rtp;

/// <summary>A snapshot of one relay leg's counters. "In" is what the leg's party sent to the relay, "out" what the relay sent to it.</summary>
/// <param name="PacketsIn">RTP packets accepted from the party.</param>
/// <param name="BytesIn">RTP bytes (headers included) accepted from the party.</param>
/// <param name="PacketsOut">RTP packets sent to the party (relayed or played back).</param>
/// <param name="BytesOut">RTP bytes sent to the party.</param>
/// <param name="PacketsLost">Packets missing from the party's sequence numbers (late arrivals are credited back).</param>
/// <param name="PacketsRejected">Packets dropped: from an unexpected source or not RTP/RTCP.</param>
/// <param name="RtcpPacketsIn">RTCP packets accepted from the party.</param>
/// <param name="RtcpPacketsOut">RTCP packets sent to the party.</param>
/// <param name="LastPacketAt">When the last RTP or RTCP packet was accepted from the party, or null if none yet.</param>
/// <param name="LatchedRtp">The source address RTP was latched to, or null while still sending to the signalled address.</param>
public readonly record struct RtpLegStatistics(
    long PacketsIn,
    long BytesIn,
    long PacketsOut,
    long BytesOut,
    long PacketsLost,
    long PacketsRejected,
    long RtcpPacketsIn,
    long RtcpPacketsOut,
    DateTimeOffset? LastPacketAt,
    IPEndPoint? LatchedRtp);
