using System.Text;
using Cti.Sip.Sdp;

namespace Cti.Sip.Tests.Sdp;

public sealed class SdpParserTests
{
    [Theory]
    [InlineData(SdpSamples.CarrierOffer)]
    [InlineData(SdpSamples.SoftphoneOffer)]
    public void TryParse_ValidDescription_WritesBackIdentically(string text)
    {
        var description = SdpSamples.Parse(text);

        Assert.Equal(text, SdpWriter.Write(description));
    }

    [Fact]
    public void TryParse_CarrierOffer_ExposesTypedFields()
    {
        var d = SdpSamples.Parse(SdpSamples.CarrierOffer);

        Assert.Equal(5678UL, d.Origin.SessionVersion);
        Assert.Equal("203.0.113.10", d.Connection!.Address);
        var m = Assert.Single(d.Media);
        Assert.Equal(40000, m.Port);
        Assert.Equal([8, 0, 101], m.PayloadTypes);
        Assert.True(m.TryGetRtpMap(101, out var te));
        Assert.Equal("telephone-event", te.EncodingName);
        Assert.Equal(8000, te.ClockRate);
        Assert.Equal("0-16", m.GetFmtp(101));
        Assert.Equal(20, m.Ptime);
        Assert.Equal(40001, m.Rtcp!.Port);
        Assert.Equal(SdpDirection.SendRecv, d.GetEffectiveDirection(m));
        Assert.Equal("abc def", m.GetAttributeValue("x-vendor-thing"));
    }

    [Fact]
    public void TryParse_LfLineEndsAndMissingTiming_AreTolerated()
    {
        var text = "v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nm=audio 1000 RTP/AVP 0\na=sendonly\n\n";

        Assert.True(SdpParser.TryParse(text, out var d, out _));
        Assert.Equal(SdpTiming.Unbounded, Assert.Single(d.Timings));
        Assert.Equal(SdpDirection.SendOnly, d.Media[0].Direction);
    }

    [Fact]
    public void TryParse_Utf8Bytes_ParsesLikeText()
    {
        Assert.True(SdpParser.TryParse(Encoding.UTF8.GetBytes(SdpSamples.CarrierOffer), out var d, out _));
        Assert.Equal(SdpSamples.CarrierOffer, d.ToString());
    }

    [Fact]
    public void TryParse_RtcpWithAddress_ParsesConnection()
    {
        var text = SdpSamples.CarrierOffer.Replace("a=rtcp:40001", "a=rtcp:50001 IN IP4 198.51.100.7", StringComparison.Ordinal);

        var rtcp = SdpSamples.Parse(text).Media[0].Rtcp!;

        Assert.Equal(50001, rtcp.Port);
        Assert.Equal("198.51.100.7", rtcp.Connection!.Address);
    }

    [Theory]
    [InlineData("", SdpParseErrorCode.Empty)]
    [InlineData("\r\n\r\n", SdpParseErrorCode.Empty)]
    [InlineData("o=- 1 1 IN IP4 1.2.3.4\r\n", SdpParseErrorCode.MissingVersion)]
    [InlineData("v=1\r\n", SdpParseErrorCode.UnsupportedVersion)]
    [InlineData("v=0\r\ns=-\r\n", SdpParseErrorCode.MissingOrigin)]
    [InlineData("v=0\r\no=- 1 x IN IP4 1.2.3.4\r\ns=-\r\n", SdpParseErrorCode.InvalidOrigin)]
    [InlineData("v=0\r\no=- 1 1 IN IP4\r\ns=-\r\n", SdpParseErrorCode.InvalidOrigin)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nc=IN IP4 1.2.3.4\r\n", SdpParseErrorCode.MissingSessionName)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4\r\n", SdpParseErrorCode.InvalidConnection)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nt=0\r\n", SdpParseErrorCode.InvalidTiming)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\na=:x\r\n", SdpParseErrorCode.InvalidAttribute)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4 1.2.3.4\r\nm=audio 70000 RTP/AVP 0\r\n", SdpParseErrorCode.InvalidMedia)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4 1.2.3.4\r\nm=audio 1000 RTP/AVP PCMU\r\n", SdpParseErrorCode.InvalidMedia)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4 1.2.3.4\r\nm=audio 1000 RTP/AVP\r\n", SdpParseErrorCode.InvalidMedia)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nm=audio 1000 RTP/AVP 0\r\n", SdpParseErrorCode.MissingConnection)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\ns=again\r\n", SdpParseErrorCode.DuplicateLine)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nX=upper\r\n", SdpParseErrorCode.MalformedLine)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nnonsense\r\n", SdpParseErrorCode.MalformedLine)]
    public void TryParse_BadInput_ReturnsTypedError(string text, SdpParseErrorCode expected)
    {
        Assert.False(SdpParser.TryParse(text, out _, out var error));
        Assert.Equal(expected, error.Code);
    }

    [Fact]
    public void TryParse_DeclinedMediaWithoutConnection_IsAccepted()
    {
        var text = "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nm=video 0 RTP/AVP 97\r\n";

        Assert.True(SdpParser.TryParse(text, out var d, out _));
        Assert.Equal(0, d.Media[0].Port);
    }

    [Fact]
    public void TryParse_TooLarge_ReturnsTooLarge()
    {
        var text = SdpSamples.CarrierOffer + string.Concat(Enumerable.Repeat("a=x-pad:0123456789\r\n", 4000));

        Assert.False(SdpParser.TryParse(text, out _, out var error));
        Assert.Equal(SdpParseErrorCode.TooLarge, error.Code);
    }

    [Fact]
    public void TryParse_ErrorLine_PointsAtOffendingLine()
    {
        var text = "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nt=0 0\r\nc=IN\r\n";

        Assert.False(SdpParser.TryParse(text, out _, out var error));
        Assert.Equal(new SdpParseError(SdpParseErrorCode.InvalidConnection, 5), error);
    }
}
