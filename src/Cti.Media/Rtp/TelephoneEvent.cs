using System.Buffers.Binary;

namespace Cti.Media.Rtp;

/// <summary>The 4-byte RFC 4733 §2.3 telephone-event payload.</summary>
/// <param name="Event">Event code: 0–9 digits, 10 '*', 11 '#', 12–15 'A'–'D', 16 flash.</param>
/// <param name="End">The E bit: last packets of the event.</param>
/// <param name="Volume">Power level in -dBm0, 0–63.</param>
/// <param name="Duration">Duration so far, in timestamp units (1/8 ms at 8 kHz).</param>
public readonly record struct TelephoneEvent(byte Event, bool End, byte Volume, ushort Duration)
{
    /// <summary>Payload size.</summary>
    public const int Size = 4;

    /// <summary>The DTMF character (<c>0</c>–<c>9</c>, <c>*</c>, <c>#</c>, <c>A</c>–<c>D</c>), <c>!</c> for flash, <c>?</c> otherwise.</summary>
    public char Digit => Event switch
    {
        <= 9 => (char)('0' + Event),
        10 => '*',
        11 => '#',
        >= 12 and <= 15 => (char)('A' + (Event - 12)),
        16 => '!',
        _ => '?',
    };

    /// <summary>Parses a payload; false when shorter than 4 bytes or the volume is out of range.</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, out TelephoneEvent value)
    {
        value = default;
        if (payload.Length < Size || (payload[1] & 0x40) != 0)
        {
            return false;
        }

        value = new TelephoneEvent(payload[0], (payload[1] & 0x80) != 0, (byte)(payload[1] & 0x3F), BinaryPrimitives.ReadUInt16BigEndian(payload[2..]));
        return true;
    }

    /// <summary>The event code for a DTMF character, or -1.</summary>
    public static int EventFor(char digit) => digit switch
    {
        >= '0' and <= '9' => digit - '0',
        '*' => 10,
        '#' => 11,
        >= 'A' and <= 'D' => 12 + (digit - 'A'),
        >= 'a' and <= 'd' => 12 + (digit - 'a'),
        _ => -1,
    };

    /// <summary>Writes the payload; returns 4.</summary>
    public int Write(Span<byte> destination)
    {
        destination[0] = Event;
        destination[1] = (byte)((End ? 0x80 : 0) | (Volume & 0x3F));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Duration);
        return Size;
    }
}
