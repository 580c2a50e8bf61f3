using System.Net;
using Cti.Sip.Sdp;

namespace Cti.Sip.Tests.Sdp;

public sealed class SdpNegotiatorTests
{
    private static readonly SdpMediaOptions Local = new() { Address = IPAddress.Parse("192.0.2.1"), RtpPort = 30000, SessionId = "77", SessionVersion = 1 };

    [Fact]
    public void Answer_CarrierOffer_PicksOfferersFirstCodecAndTelephoneEvent()
    {
        var result = SdpNegotiator.Answer(SdpSamples.Parse(SdpSamples.CarrierOffer), Local);

        Assert.True(result.Success);
        Assert.Equal(SdpCodec.Pcma, result.Codec);
        Assert.Equal(101, result.TelephoneEventPayloadType);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("203.0.113.10"), 40000), result.RemoteRtp);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("203.0.113.10"), 40001), result.RemoteRtcp);
        var m = Assert.Single(result.Answer!.Media);
        Assert.Equal(["8", "101"], m.Formats);
        Assert.Equal(30000, m.Port);
        Assert.Equal("0-16", m.GetFmtp(101));
        Assert.Equal(SdpDirection.SendRecv, m.Direction);
        Assert.Equal("192.0.2.1", result.Answer.Connection!.Address);
    }

    [Theory]
    [InlineData("sendonly", SdpDirection.RecvOnly)]
    [InlineData("recvonly", SdpDirection.SendOnly)]
    [InlineData("inactive", SdpDirection.Inactive)]
    [InlineData("sendrecv", SdpDirection.SendRecv)]
    public void Answer_OfferDirection_IsMirrored(string offered, SdpDirection expected)
    {
        var text = SdpSamples.CarrierOffer.Replace("a=sendrecv", "a=" + offered, StringComparison.Ordinal);

        var result = SdpNegotiator.Answer(SdpSamples.Parse(text), Local);

        Assert.Equal(expected, result.Answer!.Media[0].Direction);
    }

    [Fact]
    public void Answer_SessionLevelSendOnly_AppliesToMediaAndIsMirrored()
    {
        var text = SdpSamples.CarrierOffer
            .Replace("a=sendrecv\r\n", string.Empty, StringComparison.Ordinal)
            .Replace("t=0 0\r\n", "t=0 0\r\na=sendonly\r\n", StringComparison.Ordinal);

        var result = SdpNegotiator.Answer(SdpSamples.Parse(text), Local);

        Assert.Equal(SdpDirection.SendOnly, result.RemoteDirection);
        Assert.Equal(SdpDirection.RecvOnly, result.Answer!.Media[0].Direction);
    }

    [Fact]
    public void Answer_DynamicTelephoneEventAndVideo_KeepsOfferPayloadTypesAndDeclinesVideo()
    {
        var result = SdpNegotiator.Answer(SdpSamples.Parse(SdpSamples.SoftphoneOffer), Local);

        Assert.True(result.Success);
        Assert.Equal(SdpCodec.Pcmu, result.Codec);
        Assert.Equal(96, result.TelephoneEventPayloadType);
        Assert.Equal(2, result.Answer!.Media.Count);
        Assert.Equal(0, result.Answer.Media[1].Port);
        Assert.True(SdpParser.TryParse(result.Answer.ToString(), out _, out _));
    }

    [Fact]
    public void Answer_OnlyUnsupportedCodec_FailsWithNoCommonCodec()
    {
        var text = SdpSamples.CarrierOffer.Replace("RTP/AVP 8 0 101", "RTP/AVP 18", StringComparison.Ordinal);

        var result = SdpNegotiator.Answer(SdpSamples.Parse(text), Local);

        Assert.False(result.Success);
        Assert.Equal(SdpNegotiationError.NoCommonCodec, result.Error);
        Assert.Null(result.Answer);
    }

    [Fact]
    public void Answer_OldStyleHoldAddress_HasNoRemoteRtp()
    {
        var text = SdpSamples.CarrierOffer.Replace("c=IN IP4 203.0.113.10", "c=IN IP4 0.0.0.0", StringComparison.Ordinal);

        var result = SdpNegotiator.Answer(SdpSamples.Parse(text), Local);

        Assert.True(result.Success);
        Assert.Null(result.RemoteRtp);
    }

    [Fact]
    public void Answer_NoAudio_FailsWithNoAudio()
    {
        var text = "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4 1.2.3.4\r\nt=0 0\r\nm=video 5000 RTP/AVP 97\r\n";

        Assert.Equal(SdpNegotiationError.NoAudio, SdpNegotiator.Answer(SdpSamples.Parse(text), Local).Error);
    }

    [Fact]
    public void CreateOffer_ThenReadAnswer_AgreesOnAnswererCodec()
    {
        var offer = SdpNegotiator.CreateOffer(Local with { Direction = SdpDirection.SendOnly });
        Assert.True(SdpParser.TryParse(offer.ToString(), out var reparsed, out _));
        Assert.Equal(SdpDirection.SendOnly, reparsed.Media[0].Direction);

        var answerer = Local with { Address = IPAddress.Parse("198.51.100.9"), RtpPort = 7000, Codecs = [SdpCodec.Pcma] };
        var answer = SdpNegotiator.Answer(reparsed, answerer);
        var read = SdpNegotiator.ReadAnswer(answer.Answer!, Local);

        Assert.True(read.Success);
        Assert.Equal(SdpCodec.Pcma, read.Codec);
        Assert.Equal(101, read.TelephoneEventPayloadType);
        Assert.Equal(SdpDirection.RecvOnly, read.RemoteDirection);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("198.51.100.9"), 7000), read.RemoteRtp);
    }
}
