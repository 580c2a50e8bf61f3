using System.Net;
using Cti.Calls.Legs;
using Cti.Sip.Sdp;

namespace Cti.Calls.Tests.Legs;

public sealed class CallerLegTests
{
    private static readonly SdpMediaOptions Media = new()
    {
        Address = IPAddress.Loopback,
        RtpPort = 40000,
        Codecs = [SdpCodec.Pcma, SdpCodec.Pcmu],
        SessionId = "123456789",
        SessionVersion = 1,
    };

    [Fact]
    public void SdpSessionVersion_Next_CountsUpFromStart()
    {
        var version = new SdpSessionVersion(1);

        Assert.Equal(2UL, version.Next());
        Assert.Equal(3UL, version.Next());
    }

    [Fact]
    public void SipCustomerLeg_BeforeAnswer_NoDialogAndNotAnswered()
    {
        var leg = new SipCustomerLeg(Media, null!);

        Assert.Null(leg.Dialog);
        Assert.False(leg.Answered);
        Assert.Equal(CallLegSide.Caller, leg.Side);
        Assert.Null(leg.LineName);
    }

    [Fact]
    public async Task SipCustomerLeg_HangUpBeforeAnyInvite_DoesNothing()
    {
        var leg = new SipCustomerLeg(Media, null!);

        await leg.HangUpAsync(503, "Service shutting down", 16);

        Assert.Null(leg.Pending);
    }

    [Fact]
    public void SipCustomerLeg_MarkAnswered_Answered()
    {
        var leg = new SipCustomerLeg(Media, null!);

        leg.MarkAnswered();

        Assert.True(leg.Answered);
    }
}
