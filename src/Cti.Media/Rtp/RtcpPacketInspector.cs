using System.Buffers.Binary;

namespace Cti.Media.Rtp;

/// <summary>Recognises RTCP packets (RFC 3550 §6) without parsing their reports.</summary>
public static class RtcpPacketInspector
{
    /// <summary>Sender report.</summary>
    public const byte SenderReport = 200;

    /// <summary>Application-defined, the last type of RFC 3550.</summary>
    public const byte ApplicationDefined = 204;

    /// <summary>Whether the first packet looks like RTCP: version 2 and packet type 200–204 (also how RFC 5761 tells RTCP from RTP).</summary>
    public static bool IsRtcp(ReadOnlySpan<byte> packet) =>
        packet.Length >= 4 && (packet[0] >> 6) == 2 && packet[1] is >= SenderReport and <= ApplicationDefined;

    /// <summary>
    /// Whether <paramref name="packet"/> is a valid compound RTCP packet (RFC 3550 Appendix A.2): every part version 2
    /// with a known type, the first a sender or receiver report without padding, lengths adding up exactly.
    /// </summary>
    public static bool IsValidCompound(ReadOnlySpan<byte> packet)
    {
        if (!IsRtcp(packet) || packet[1] > 201 || (packet[0] & 0x20) != 0)
        {
            return false;
        }

        var offset = 0;
        while (offset < packet.Length)
        {
            var rest = packet[offset..];
            if (!IsRtcp(rest))
            {
                return false;
            }

            var length = 4 * (BinaryPrimitives.ReadUInt16BigEndian(rest[2..]) + 1);
            if (length > rest.Length)
            {
                return false;
            }

            offset += length;
        }

        return offset == packet.Length;
    }

    /// <summary>Number of packets in a compound packet (0 when not valid).</summary>
    public static int CountPackets(ReadOnlySpan<byte> packet)
    {
        if (!IsValidCompound(packet))
        {
            return 0;
        }

        var count = 0;
        for (var offset = 0; offset < packet.Length; count++)
        {
            offset += 4 * (BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 2)..]) + 1);
        }

        return count;
    }
}
