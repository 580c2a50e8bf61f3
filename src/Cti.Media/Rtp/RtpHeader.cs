using System.Buffers.Binary;

namespace Cti.Media.Rtp;

/// <summary>
/// The fixed RTP header of RFC 3550 §5.1 plus the sizes of what follows it (CSRC list, header extension, padding).
/// Parsing and writing work on spans and never allocate.
/// </summary>
public readonly record struct RtpHeader
{
    /// <summary>Size of the fixed header in bytes.</summary>
    public const int FixedSize = 12;

    /// <summary>RTP version; always 2 for a parsed header.</summary>
    public int Version { get; init; }

    /// <summary>The P bit: the packet ends with padding whose length is its last byte.</summary>
    public bool Padding { get; init; }

    /// <summary>The X bit: a header extension follows the CSRC list.</summary>
    public bool Extension { get; init; }

    /// <summary>Number of CSRC identifiers (0–15).</summary>
    public int CsrcCount { get; init; }

    /// <summary>The M bit; for audio, the first packet of a talkspurt.</summary>
    public bool Marker { get; init; }

    /// <summary>Payload type 0–127.</summary>
    public byte PayloadType { get; init; }

    /// <summary>Sequence number.</summary>
    public ushort SequenceNumber { get; init; }

    /// <summary>Media timestamp in clock-rate units.</summary>
    public uint Timestamp { get; init; }

    /// <summary>Synchronisation source.</summary>
    public uint Ssrc { get; init; }

    /// <summary>Profile-defined value of the header extension (when <see cref="Extension"/>).</summary>
    public ushort ExtensionProfile { get; init; }

    /// <summary>Length in bytes of the header extension data, excluding its own 4-byte header.</summary>
    public int ExtensionLength { get; init; }

    /// <summary>Bytes of padding at the end of the packet (parsed packets only).</summary>
    public int PaddingLength { get; init; }

    /// <summary>Offset of the payload: fixed header, CSRCs and extension.</summary>
    public int HeaderLength => FixedSize + (4 * CsrcCount) + (Extension ? 4 + ExtensionLength : 0);

    /// <summary>Parses <paramref name="packet"/>; false when it is not a well-formed RTP version 2 packet.</summary>
    public static bool TryRead(ReadOnlySpan<byte> packet, out RtpHeader header)
    {
        header = default;
        if (packet.Length < FixedSize || (packet[0] >> 6) != 2)
        {
            return false;
        }

        var first = packet[0];
        var csrcCount = first & 0x0F;
        var extension = (first & 0x10) != 0;
        var length = FixedSize + (4 * csrcCount);
        ushort profile = 0;
        var extensionLength = 0;
        if (extension)
        {
            if (packet.Length < length + 4)
            {
                return false;
            }

            profile = BinaryPrimitives.ReadUInt16BigEndian(packet[length..]);
            extensionLength = 4 * BinaryPrimitives.ReadUInt16BigEndian(packet[(length + 2)..]);
            length += 4 + extensionLength;
        }

        if (packet.Length < length)
        {
            return false;
        }

        var padding = 0;
        if ((first & 0x20) != 0)
        {
            padding = packet[^1];
            if (padding == 0 || length + padding > packet.Length)
            {
                return false;
            }
        }

        header = new RtpHeader
        {
            Version = 2,
            Padding = padding > 0,
            Extension = extension,
            CsrcCount = csrcCount,
            Marker = (packet[1] & 0x80) != 0,
            PayloadType = (byte)(packet[1] & 0x7F),
            SequenceNumber = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]),
            Timestamp = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]),
            Ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[8..]),
            ExtensionProfile = profile,
            ExtensionLength = extensionLength,
            PaddingLength = padding,
        };
        return true;
    }

    /// <summary>The payload of a packet this header was read from.</summary>
    public ReadOnlySpan<byte> GetPayload(ReadOnlySpan<byte> packet) => packet[HeaderLength..(packet.Length - PaddingLength)];

    /// <summary>CSRC number <paramref name="index"/> of a packet this header was read from.</summary>
    public static uint ReadCsrc(ReadOnlySpan<byte> packet, int index) => BinaryPrimitives.ReadUInt32BigEndian(packet[(FixedSize + (4 * index))..]);

    /// <summary>
    /// Writes the header (fixed part, <paramref name="csrcs"/>, and when <see cref="Extension"/> the extension header and
    /// <paramref name="extensionData"/>) and returns the bytes written. <see cref="Padding"/> is written as the bit only;
    /// the caller appends the padding bytes. <see cref="CsrcCount"/> and <see cref="ExtensionLength"/> are taken from the spans.
    /// </summary>
    public int Write(Span<byte> destination, ReadOnlySpan<uint> csrcs = default, ReadOnlySpan<byte> extensionData = default)
    {
        if (csrcs.Length > 15 || extensionData.Length % 4 != 0 || extensionData.Length > 4 * ushort.MaxValue)
        {
            throw new ArgumentException("At most 15 CSRCs and extension data in whole 32-bit words.");
        }

        var length = FixedSize + (4 * csrcs.Length) + (Extension ? 4 + extensionData.Length : 0);
        if (destination.Length < length)
        {
            throw new ArgumentException("Destination too small for the RTP header.", nameof(destination));
        }

        destination[0] = (byte)(0x80 | (Padding ? 0x20 : 0) | (Extension ? 0x10 : 0) | csrcs.Length);
        destination[1] = (byte)((Marker ? 0x80 : 0) | (PayloadType & 0x7F));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], Ssrc);
        var offset = FixedSize;
        foreach (var csrc in csrcs)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[offset..], csrc);
            offset += 4;
        }

        if (Extension)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], ExtensionProfile);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(offset + 2)..], (ushort)(extensionData.Length / 4));
            extensionData.CopyTo(destination[(offset + 4)..]);
            offset += 4 + extensionData.Length;
        }

        return offset;
    }
}
