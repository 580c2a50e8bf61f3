using Cti.Media.Rtp;

namespace Cti.Media.Tests;

public sealed class TelephoneEventTests
{
    [Fact]
    public void TryParse_Rfc4733Example_ReadsFields()
    {
        // Digit 5, end bit, volume 10, duration 800 (100 ms at 8 kHz).
        byte[] payload = [5, 0x8A, 0x03, 0x20];

        Assert.True(TelephoneEvent.TryParse(payload, out var te));
        Assert.Equal(5, te.Event);
        Assert.True(te.End);
        Assert.Equal(10, te.Volume);
        Assert.Equal(800, te.Duration);
        Assert.Equal('5', te.Digit);
    }

    [Theory]
    [InlineData(10, '*')]
    [InlineData(11, '#')]
    [InlineData(12, 'A')]
    [InlineData(15, 'D')]
    [InlineData(16, '!')]
    [InlineData(40, '?')]
    public void Digit_EventCodes_MapToCharacters(byte code, char digit)
    {
        Assert.Equal(digit, new TelephoneEvent(code, false, 0, 0).Digit);
        if (digit is not ('!' or '?'))
        {
            Assert.Equal(code, TelephoneEvent.EventFor(digit));
        }
    }

    [Fact]
    public void Write_ThenTryParse_RoundTrips()
    {
        var te = new TelephoneEvent(11, false, 63, 65535);
        var buffer = new byte[4];

        te.Write(buffer);

        Assert.True(TelephoneEvent.TryParse(buffer, out var read));
        Assert.Equal(te, read);
    }

    [Fact]
    public void TryParse_ShortOrReservedBit_ReturnsFalse()
    {
        Assert.False(TelephoneEvent.TryParse([1, 2, 3], out _));
        Assert.False(TelephoneEvent.TryParse([1, 0x40, 0, 0], out _));
    }
}
