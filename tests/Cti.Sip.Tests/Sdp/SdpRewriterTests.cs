using System.Net;
using Cti.Sip.Sdp;

namespace Cti.Sip.Tests.Sdp;

public sealed class SdpRewriterTests
{
    private static readonly IPAddress Relay = IPAddress.Parse("192.0.2.1");

    [Fact]
    public void RewriteForRelay_CarrierOffer_ReplacesAddressPortAndBumpsVersion()
    {
        var offer = SdpSamples.Parse(SdpSamples.CarrierOffer);

        var rewritten = SdpRewriter.RewriteForRelay(offer, Relay, 30000);

        Assert.Equal("192.0.2.1", rewritten.Connection!.Address);
        Assert.Equal("192.0.2.1", rewritten.Origin.Address);
        Assert.Equal(5679UL, rewritten.Origin.SessionVersion);
        var m = rewritten.Media[0];
        Assert.Equal(30000, m.Port);
        Assert.Equal(30001, m.Rtcp!.Port);
        Assert.True(m.TryGetRtpMap(101, out var te));
        Assert.Equal("telephone-event", te.EncodingName);
        Assert.Equal("0-16", m.GetFmtp(101));
        Assert.Equal("abc def", m.GetAttributeValue("x-vendor-thing"));
        Assert.Equal(offer.Media[0].Formats, m.Formats);
    }

    [Fact]
    public void RewriteForRelay_SameRelayTwice_KeepsVersionWhenNothingChanges()
    {
        var once = SdpRewriter.RewriteForRelay(SdpSamples.Parse(SdpSamples.CarrierOffer), Relay, 30000);

        var twice = SdpRewriter.RewriteForRelay(once, Relay, 30000);

        Assert.Equal(once.Origin.SessionVersion, twice.Origin.SessionVersion);
        Assert.Equal(SdpWriter.Write(once), SdpWriter.Write(twice));
    }

    [Fact]
    public void RewriteForRelay_MediaLevelConnectionAndVideo_RewritesAudioDeclinesVideoDropsIce()
    {
        var offer = SdpSamples.Parse(SdpSamples.SoftphoneOffer);

        var rewritten = SdpRewriter.RewriteForRelay(offer, Relay, 31000);
        var text = SdpWriter.Write(rewritten);

        Assert.Null(rewritten.Connection);
        Assert.Equal("192.0.2.1", rewritten.Media[0].Connection!.Address);
        Assert.Equal(31000, rewritten.Media[0].Port);
        Assert.Equal(0, rewritten.Media[1].Port);
        Assert.DoesNotContain("candidate", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ice-ufrag", text, StringComparison.Ordinal);
        Assert.DoesNotContain("10.0.0.5", text, StringComparison.Ordinal);
        Assert.Contains("a=tool:phone 1.0", text, StringComparison.Ordinal);
        Assert.Contains("b=AS:64", text, StringComparison.Ordinal);
        Assert.True(SdpParser.TryParse(text, out _, out _));
    }

    [Fact]
    public void RewriteForRelay_Ipv6Relay_WritesIp6AddressType()
    {
        var rewritten = SdpRewriter.RewriteForRelay(SdpSamples.Parse(SdpSamples.CarrierOffer), IPAddress.IPv6Loopback, 30000);

        Assert.Equal("IP6", rewritten.Connection!.AddressType);
        Assert.Equal("::1", rewritten.Connection.Address);
    }
}
