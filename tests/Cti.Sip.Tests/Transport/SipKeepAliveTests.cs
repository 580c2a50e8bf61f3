using System.Buffers;
using System.Text;
using Cti.Sip.Transport;

namespace Cti.Sip.Tests.Transport;

public sealed class SipKeepAliveTests
{
    private static ReadOnlySequence<byte> Bytes(string text) => new(Encoding.ASCII.GetBytes(text));

    [Theory]
    [InlineData("\r\n", true)]
    [InlineData("\r\n\r\n", true)]
    [InlineData("\n", true)]
    [InlineData("", false)]
    [InlineData("\r\nOPTIONS", false)]
    public void IsKeepAliveDatagram_OnlyCrLf(string datagram, bool expected)
    {
        Assert.Equal(expected, SipKeepAlive.IsKeepAliveDatagram(Encoding.ASCII.GetBytes(datagram)));
    }

    [Fact]
    public void TryConsume_DoubleCrlf_IsPingAndConsumed()
    {
        var buffer = Bytes("\r\n\r\nOPTIONS");

        Assert.True(SipKeepAlive.TryConsume(ref buffer, out var ping));
        Assert.True(ping);
        Assert.Equal("OPTIONS", Encoding.ASCII.GetString(buffer.ToArray()));
    }

    [Fact]
    public void TryConsume_SingleCrlfBeforeMessage_ConsumedWithoutPing()
    {
        var buffer = Bytes("\r\nOPTIONS");

        Assert.True(SipKeepAlive.TryConsume(ref buffer, out var ping));
        Assert.False(ping);
        Assert.Equal(7, buffer.Length);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\r\n\r")]
    [InlineData("OPTIONS")]
    [InlineData("")]
    public void TryConsume_UndecidedOrMessage_LeavesBuffer(string text)
    {
        var buffer = Bytes(text);

        Assert.False(SipKeepAlive.TryConsume(ref buffer, out _));
        Assert.Equal(text.Length, buffer.Length);
    }
}
