using System.Net;
using Cti.Media.Recording;
using Cti.Media.Relay;
using Cti.Sip.Sdp;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cti.Media.Tests;

public sealed class RtpRelayLatchingTests
{
    [Fact]
    public async Task Relay_SecondSourceWhileLatchedIsFresh_RejectedUntilRelatchAfterPasses()
    {
        var time = new FakeTimeProvider();
        using var allocator = new RtpPortAllocator(RelayTestKit.NextRange());
        using var first = RelayTestKit.Phone();
        using var second = RelayTestKit.Phone();
        using var phoneB = RelayTestKit.Phone();
        var options = new RtpRelayOptions { BindAddress = IPAddress.Loopback, RelatchAfter = TimeSpan.FromSeconds(2) };
        Assert.True(RtpRelaySession.TryCreate("latch", allocator, options, time, NullLogger<RtpRelaySession>.Instance, out var created, out _));
        await using var relay = created;
        relay.LegA.SetRemote(first.EndPoint());
        relay.LegB.SetRemote(phoneB.EndPoint());
        relay.Start();

        await first.SendAsync(RelayTestKit.Rtp(1), relay.LegA.LocalRtpEndPoint);
        await RelayTestKit.ReceiveAsync(phoneB);
        await second.SendAsync(RelayTestKit.Rtp(2), relay.LegA.LocalRtpEndPoint);
        await first.SendAsync(RelayTestKit.Rtp(3), relay.LegA.LocalRtpEndPoint);
        Assert.Equal(RelayTestKit.Rtp(3), await RelayTestKit.ReceiveAsync(phoneB));
        Assert.Equal(1, relay.LegA.GetStatistics().PacketsRejected);
        Assert.Equal(first.EndPoint(), relay.LegA.LatchedRtpEndPoint);

        time.Advance(TimeSpan.FromSeconds(3));
        await second.SendAsync(RelayTestKit.Rtp(4), relay.LegA.LocalRtpEndPoint);
        Assert.Equal(RelayTestKit.Rtp(4), await RelayTestKit.ReceiveAsync(phoneB));
        Assert.Equal(second.EndPoint(), relay.LegA.LatchedRtpEndPoint);
        Assert.Equal(TimeSpan.Zero, relay.LegA.IdleTime);
    }

    [Fact]
    public async Task NegotiatedCall_AnswerFeedsRelay_MediaFlowsBetweenOfferAndAgent()
    {
        using var allocator = new RtpPortAllocator(RelayTestKit.NextRange());
        using var carrier = RelayTestKit.Phone();
        using var agent = RelayTestKit.Phone();
        Assert.True(RtpRelaySession.TryCreate("call-1", allocator, RelayTestKit.Options(), TimeProvider.System, NullLogger<RtpRelaySession>.Instance, out var created, out _));
        await using var relay = created;

        var offer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" +
            $"m=audio {carrier.EndPoint().Port} RTP/AVP 8 101\r\na=rtpmap:101 telephone-event/8000\r\n";
        Assert.True(SdpParser.TryParse(offer, out var parsed, out _));
        var answer = SdpNegotiator.Answer(parsed, new SdpMediaOptions { Address = IPAddress.Loopback, RtpPort = relay.LegA.LocalRtpEndPoint.Port });
        relay.LegA.SetRemote(answer.RemoteRtp, answer.RemoteRtcp);
        relay.LegA.PayloadType = answer.Codec!.PayloadType;
        relay.LegA.TelephoneEventPayloadType = answer.TelephoneEventPayloadType ?? -1;
        relay.LegB.SetRemote(agent.EndPoint());
        relay.Start();

        Assert.Equal(relay.LegA.LocalRtpEndPoint.Port, answer.Answer!.Media[0].Port);
        await agent.SendAsync(RelayTestKit.Rtp(1, payloadType: 8), relay.LegB.LocalRtpEndPoint);
        Assert.Equal(RelayTestKit.Rtp(1, payloadType: 8), await RelayTestKit.ReceiveAsync(carrier));
        await carrier.SendAsync(RelayTestKit.Rtp(9, payloadType: 8), relay.LegA.LocalRtpEndPoint);
        Assert.Equal(RelayTestKit.Rtp(9, payloadType: 8), await RelayTestKit.ReceiveAsync(agent));
    }

    [Fact]
    public void Validate_BadOptions_ReportEveryError()
    {
        var relayErrors = new RtpRelayOptions
        {
            BindAddress = null!,
            RelatchAfter = TimeSpan.FromSeconds(-1),
            PlaybackPtime = TimeSpan.FromMilliseconds(25),
            SocketReceiveBufferBytes = 10,
            MaxBindAttempts = 0,
        }.Validate();
        var recordingErrors = new CallRecordingOptions { Directory = " ", RetentionDays = -1 }.Validate();

        Assert.Equal(5, relayErrors.Count);
        Assert.Equal(2, recordingErrors.Count);
        Assert.Empty(new RtpRelayOptions().Validate());
    }
}
