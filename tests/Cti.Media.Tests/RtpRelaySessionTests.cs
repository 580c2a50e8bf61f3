using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Cti.Media.Audio;
using Cti.Media.Recording;
using Cti.Media.Relay;
using Cti.Media.Rtp;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cti.Media.Tests;

public sealed class RtpRelaySessionTests
{
    [Fact]
    public async Task Relay_TwoPhones_ForwardsBothWaysAndLatchesToActualSourcePort()
    {
        using var allocator = new RtpPortAllocator(RelayTestKit.NextRange());
        using var phoneA = RelayTestKit.Phone();
        using var phoneB = RelayTestKit.Phone();
        using var signalledA = RelayTestKit.Phone(); // what A's SDP claims; A really sends from another port (NAT)
        await using var relay = Create(allocator);
        relay.LegA.SetRemote(signalledA.EndPoint());
        relay.LegB.SetRemote(phoneB.EndPoint());
        relay.Start();

        var fromA = RelayTestKit.Rtp(1, 160, fill: 0x11);
        await phoneA.SendAsync(fromA, relay.LegA.LocalRtpEndPoint);
        Assert.Equal(fromA, await RelayTestKit.ReceiveAsync(phoneB));

        var fromB = RelayTestKit.Rtp(7, 960, ssrc: 0xB, fill: 0x22);
        await phoneB.SendAsync(fromB, relay.LegB.LocalRtpEndPoint);
        Assert.Equal(fromB, await RelayTestKit.ReceiveAsync(phoneA));

        Assert.Equal(0, signalledA.Available);
        Assert.Equal(phoneA.EndPoint(), relay.LegA.LatchedRtpEndPoint);

        // Sent counts follow the socket send, so the phone may hold the packet a moment before it is counted.
        await WaitUntil(() => relay.LegA.GetStatistics().PacketsOut >= 1);
        var a = relay.LegA.GetStatistics();
        Assert.Equal(1, a.PacketsIn);
        Assert.Equal(fromA.Length, a.BytesIn);
        Assert.Equal(1, a.PacketsOut);
        Assert.Equal(fromB.Length, a.BytesOut);
        Assert.NotNull(a.LastPacketAt);
        Assert.Equal(1, relay.LegB.GetStatistics().PacketsIn);
    }

    [Fact]
    public async Task Relay_RtcpFromA_IsRelayedToBsRtcpAddress()
    {
        using var allocator = new RtpPortAllocator(RelayTestKit.NextRange());
        using var rtcpA = RelayTestKit.Phone();
        using var rtpB = RelayTestKit.Phone();
        using var rtcpB = RelayTestKit.Phone();
        await using var relay = Create(allocator);
        relay.LegB.SetRemote(rtpB.EndPoint(), rtcpB.EndPoint());
        relay.Start();
        byte[] receiverReport = [0x80, 201, 0, 1, 0, 0, 0x12, 0x34];

        await rtcpA.SendAsync(receiverReport, relay.LegA.LocalRtcpEndPoint);

        Assert.Equal(receiverReport, await RelayTestKit.ReceiveAsync(rtcpB));
        Assert.Equal(1, relay.LegA.GetStatistics().RtcpPacketsIn);
        await WaitUntil(() => relay.LegB.GetStatistics().RtcpPacketsOut >= 1);
        Assert.Equal(1, relay.LegB.GetStatistics().RtcpPacketsOut);
        Assert.Equal(relay.LegA.Ports.RtpPort + 1, relay.LegA.LocalRtcpEndPoint.Port);
    }

    [Fact]
    public async Task Relay_Rfc4733Packets_PassUntouchedAndSurfaceStartAndOneEnd()
    {
        using var allocator = new RtpPortAllocator(RelayTestKit.NextRange());
        using var phoneA = RelayTestKit.Phone();
        using var phoneB = RelayTestKit.Phone();
        await using var relay = Create(allocator);
        relay.LegB.SetRemote(phoneB.EndPoint());
        var events = new ConcurrentQueue<RtpDtmfEvent>();
        relay.DtmfReceived += (_, e) => events.Enqueue(e);
        relay.Start();

        byte[][] packets =
        [
            RelayTestKit.Dtmf(10, 8000, '5', end: false, duration: 160),
            RelayTestKit.Dtmf(11, 8000, '5', end: false, duration: 320),
            RelayTestKit.Dtmf(12, 8000, '5', end: true, duration: 800),
            RelayTestKit.Dtmf(13, 8000, '5', end: true, duration: 800),
            RelayTestKit.Dtmf(14, 8000, '5', end: true, duration: 800),
        ];
        foreach (var packet in packets)
        {
            await phoneA.SendAsync(packet, relay.LegA.LocalRtpEndPoint);
            Assert.Equal(packet, await RelayTestKit.ReceiveAsync(phoneB));
        }

        Assert.Equal(
            [
                new RtpDtmfEvent(RtpRelayLegId.A, '5', TimeSpan.FromMilliseconds(20), false, 8000),
                new RtpDtmfEvent(RtpRelayLegId.A, '5', TimeSpan.FromMilliseconds(100), true, 8000),
            ],
            events.ToArray());
    }

    [Fact]
    public async Task Relay_Rfc4733WithDifferentPayloadTypes_RenumberedForTheOtherParty()
    {
        using var allocator = new RtpPortAllocator(RelayTestKit.NextRange());
        using var phoneA = RelayTestKit.Phone();
        using var phoneB = RelayTestKit.Phone();
        await using var relay = Create(allocator);
        relay.LegA.TelephoneEventPayloadType = 96;
        relay.LegB.TelephoneEventPayloadType = 101;
        relay.LegB.SetRemote(phoneB.EndPoint());
        var events = new ConcurrentQueue<RtpDtmfEvent>();
        relay.DtmfReceived += (_, e) => events.Enqueue(e);
        relay.Start();
        var sent = RelayTestKit.Dtmf(10, 8000, '7', end: false, duration: 160, payloadType: 96);

        await phoneA.SendAsync(sent, relay.LegA.LocalRtpEndPoint);
        var received = await RelayTestKit.ReceiveAsync(phoneB);

        Assert.True(RtpHeader.TryRead(received, out var header));
        Assert.Equal(101, header.PayloadType);
        Assert.True(header.Marker);
        Assert.Equal(sent.AsSpan(RtpHeader.FixedSize).ToArray(), received.AsSpan(RtpHeader.FixedSize).ToArray());
        Assert.Contains(events, e => e.Digit == '7');
    }

    [Fact]
    public async Task Relay_SequenceGap_CountsLostPackets()
    {
        using var allocator = new RtpPortAllocator(RelayTestKit.NextRange());
        using var phoneA = RelayTestKit.Phone();
        using var phoneB = RelayTestKit.Phone();
        await using var relay = Create(allocator);
        relay.LegB.SetRemote(phoneB.EndPoint());
        relay.Start();

        foreach (ushort seq in new ushort[] { 65534, 65535, 0, 3, 4 })
        {
            await phoneA.SendAsync(RelayTestKit.Rtp(seq), relay.LegA.LocalRtpEndPoint);
            await RelayTestKit.ReceiveAsync(phoneB);
        }

        Assert.Equal(2, relay.LegA.GetStatistics().PacketsLost);
        Assert.Equal(5, relay.LegA.GetStatistics().PacketsIn);
    }

    [Fact]
    public async Task Relay_PacketFromUnexpectedAddress_IsRejectedUnlessLatchAnySource()
    {
        using var allocator = new RtpPortAllocator(RelayTestKit.NextRange());
        using var stranger = RelayTestKit.Phone();
        using var phoneB = RelayTestKit.Phone();
        await using var relay = Create(allocator);
        relay.LegA.SetRemote(new IPEndPoint(IPAddress.Parse("192.0.2.55"), 4000));
        relay.LegB.SetRemote(phoneB.EndPoint());
        relay.Start();

        // The first packet is rejected (wrong IP); the probe on leg B proves the loop has moved on.
        await stranger.SendAsync(RelayTestKit.Rtp(1), relay.LegA.LocalRtpEndPoint);
        using var probe = RelayTestKit.Phone();
        await probe.SendAsync(new byte[] { 1, 2, 3 }, relay.LegA.LocalRtpEndPoint);
        await WaitUntil(() => relay.LegA.GetStatistics().PacketsRejected == 2);

        Assert.Equal(0, relay.LegA.GetStatistics().PacketsIn);
        Assert.Equal(0, phoneB.Available);

        await using var open = Create(allocator, latchAny: true);
        open.LegA.SetRemote(new IPEndPoint(IPAddress.Parse("192.0.2.55"), 4000));
        open.LegB.SetRemote(phoneB.EndPoint());
        open.Start();
        await stranger.SendAsync(RelayTestKit.Rtp(1), open.LegA.LocalRtpEndPoint);
        Assert.Equal(RelayTestKit.Rtp(1), await RelayTestKit.ReceiveAsync(phoneB));
    }

    [Fact]
    public async Task DisposeAsync_ReleasesEveryPortSoItCanBeBoundAgain()
    {
        var range = RelayTestKit.NextRange();
        using var allocator = new RtpPortAllocator(range);
        var relay = Create(allocator);
        relay.Start();
        int[] ports = [relay.LegA.Ports.RtpPort, relay.LegA.Ports.RtcpPort, relay.LegB.Ports.RtpPort, relay.LegB.Ports.RtcpPort];
        Assert.Equal(2, allocator.InUse);

        await relay.DisposeAsync();

        Assert.Equal(0, allocator.InUse);
        foreach (var port in ports)
        {
            using var rebound = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
            Assert.Equal(port, rebound.EndPoint().Port);
        }
    }

    [Fact]
    public void TryCreate_RangeExhausted_ReportsPortsExhaustedAndKeepsNothing()
    {
        var range = RelayTestKit.NextRange();
        using var allocator = new RtpPortAllocator(new RtpPortRangeOptions { MinPort = range.MinPort, MaxPort = range.MinPort + 3 });
        allocator.TryAllocate(out _);

        var created = RtpRelaySession.TryCreate("c1", allocator, RelayTestKit.Options(), TimeProvider.System, NullLogger<RtpRelaySession>.Instance, out _, out var error);

        Assert.False(created);
        Assert.Equal(RtpRelayCreateError.PortsExhausted, error);
        Assert.Equal(1, allocator.InUse);
    }

    [Fact]
    public async Task StartPlayback_FakeTime_SendsOnePacketPer20MsWithIncreasingSeqAndTimestamp()
    {
        var time = new FakeTimeProvider();
        using var allocator = new RtpPortAllocator(RelayTestKit.NextRange());
        using var phoneA = RelayTestKit.Phone();
        await using var relay = Create(allocator, time: time);
        relay.LegA.SetRemote(phoneA.EndPoint());
        relay.Start();
        var tone = new byte[1600];
        G711.EncodeMuLaw(ToneGenerator.ComfortTone().AsSpan(0, 1600), tone);

        relay.StartPlayback(RtpRelayLegId.A, new LoopingPayloadSource(tone, WavEncoding.MuLaw));
        Assert.Equal(1, relay.LegA.GetStatistics().PacketsOut);
        time.Advance(TimeSpan.FromMilliseconds(10));
        Assert.Equal(1, relay.LegA.GetStatistics().PacketsOut);
        time.Advance(TimeSpan.FromMilliseconds(10));
        Assert.Equal(2, relay.LegA.GetStatistics().PacketsOut);
        time.Advance(TimeSpan.FromMilliseconds(20));
        Assert.Equal(3, relay.LegA.GetStatistics().PacketsOut);

        var headers = new List<RtpHeader>();
        var payloads = new List<byte[]>();
        for (var i = 0; i < 3; i++)
        {
            var packet = await RelayTestKit.ReceiveAsync(phoneA);
            Assert.True(RtpHeader.TryRead(packet, out var h));
            headers.Add(h);
            payloads.Add(h.GetPayload(packet).ToArray());
        }

        Assert.True(headers[0].Marker);
        Assert.False(headers[1].Marker);
        Assert.All(headers, h => Assert.Equal(headers[0].Ssrc, h.Ssrc));
        Assert.All(headers, h => Assert.Equal(0, h.PayloadType));
        Assert.Equal((ushort)(headers[0].SequenceNumber + 1), headers[1].SequenceNumber);
        Assert.Equal((ushort)(headers[0].SequenceNumber + 2), headers[2].SequenceNumber);
        Assert.Equal(headers[0].Timestamp + 160, headers[1].Timestamp);
        Assert.Equal(headers[0].Timestamp + 320, headers[2].Timestamp);
        Assert.Equal(tone.AsSpan(0, 160).ToArray(), payloads[0]);
        Assert.Equal(tone.AsSpan(160, 160).ToArray(), payloads[1]);
    }

    [Fact]
    public async Task StartPlayback_AgainAfterStop_KeepsSsrcContinuesSeqAndMarksRestart()
    {
        var time = new FakeTimeProvider();
        using var allocator = new RtpPortAllocator(RelayTestKit.NextRange());
        using var phoneA = RelayTestKit.Phone();
        await using var relay = Create(allocator, time: time);
        relay.LegA.PayloadType = 8;
        relay.LegA.SetRemote(phoneA.EndPoint());
        relay.Start();
        var source = new LoopingPayloadSource(new byte[] { 0xFF, 0x7F }, WavEncoding.MuLaw);

        relay.StartPlayback(RtpRelayLegId.A, source);
        relay.StopPlayback(RtpRelayLegId.A);
        Assert.False(relay.IsPlaying(RtpRelayLegId.A));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, relay.LegA.GetStatistics().PacketsOut);
        relay.StartPlayback(RtpRelayLegId.A, source);
        Assert.True(relay.IsPlaying(RtpRelayLegId.A));

        Assert.True(RtpHeader.TryRead(await RelayTestKit.ReceiveAsync(phoneA), out var first));
        var secondPacket = await RelayTestKit.ReceiveAsync(phoneA);
        Assert.True(RtpHeader.TryRead(secondPacket, out var second));
        Assert.Equal(first.Ssrc, second.Ssrc);
        Assert.True(second.Marker);
        Assert.Equal(8, second.PayloadType);
        Assert.Equal((ushort)(first.SequenceNumber + 1), second.SequenceNumber);
        // The second play carries on from the last frame sent, moved on by the second that passed.
        Assert.Equal(first.Timestamp + 8000, second.Timestamp);
        Assert.Equal(G711.ALawSilence, second.GetPayload(secondPacket)[0]);
    }

    [Fact]
    public async Task StartPlayback_WhileOtherLegTalks_DropsItsAudioThenBridgesWithMarker()
    {
        var time = new FakeTimeProvider();
        using var allocator = new RtpPortAllocator(RelayTestKit.NextRange());
        using var phoneA = RelayTestKit.Phone();
        using var phoneB = RelayTestKit.Phone();
        await using var relay = Create(allocator, time: time);
        relay.LegA.SetRemote(phoneA.EndPoint());
        relay.LegB.SetRemote(phoneB.EndPoint());
        relay.Start();
        relay.StartPlayback(RtpRelayLegId.A, new LoopingPayloadSource(new byte[] { 1 }, WavEncoding.MuLaw));

        await phoneB.SendAsync(RelayTestKit.Rtp(1), relay.LegB.LocalRtpEndPoint);
        await WaitUntil(() => relay.LegB.GetStatistics().PacketsIn == 1);

        Assert.Equal(1, relay.LegA.GetStatistics().PacketsOut);
        relay.StopPlayback(RtpRelayLegId.A);
        await phoneB.SendAsync(RelayTestKit.Rtp(2, ssrc: 0xB0B), relay.LegB.LocalRtpEndPoint);
        await phoneB.SendAsync(RelayTestKit.Rtp(3, ssrc: 0xB0B), relay.LegB.LocalRtpEndPoint);

        Assert.True(RtpHeader.TryRead(await RelayTestKit.ReceiveAsync(phoneA), out var played));
        Assert.True(RtpHeader.TryRead(await RelayTestKit.ReceiveAsync(phoneA), out var firstBridged));
        Assert.True(RtpHeader.TryRead(await RelayTestKit.ReceiveAsync(phoneA), out var secondBridged));
        Assert.NotEqual(0xB0Bu, played.Ssrc);
        Assert.Equal(0xB0Bu, firstBridged.Ssrc);

        // The relayed stream carries on the numbering phone A heard last (the played frame), then keeps its own pace.
        Assert.Equal((ushort)(played.SequenceNumber + 1), firstBridged.SequenceNumber);
        Assert.Equal((ushort)(played.SequenceNumber + 2), secondBridged.SequenceNumber);
        Assert.True(firstBridged.Marker);
        Assert.False(secondBridged.Marker);

        // Sent counts follow the socket send, so the phone may hold the packet a moment before it is counted.
        await WaitUntil(() => relay.LegA.GetStatistics().PacketsOut >= 3);
        Assert.Equal(3, relay.LegA.GetStatistics().PacketsOut);
    }

    [Fact]
    public async Task AttachRecorder_RelayedAudio_IsRecordedPerLeg()
    {
        using var allocator = new RtpPortAllocator(RelayTestKit.NextRange());
        using var phoneA = RelayTestKit.Phone();
        using var phoneB = RelayTestKit.Phone();
        await using var relay = Create(allocator);
        relay.LegA.SetRemote(phoneA.EndPoint());
        relay.LegB.SetRemote(phoneB.EndPoint());
        using var file = new MemoryStream();
        var recorder = new CallRecorder(file, TimeProvider.System);
        relay.AttachRecorder(recorder);
        relay.Start();

        await phoneA.SendAsync(RelayTestKit.Rtp(1, fill: 0x80), relay.LegA.LocalRtpEndPoint);
        await RelayTestKit.ReceiveAsync(phoneB);
        relay.AttachRecorder(null);

        Assert.True(recorder.BytesWritten >= 44);
        recorder.Dispose();
        Assert.True(WavReader.TryRead(file.ToArray(), out var wav, out _));
        var samples = wav.ToPcm16();
        Assert.Contains(samples.Where((_, i) => i % 2 == 0), s => s == G711.DecodeMuLaw(0x80));
        Assert.DoesNotContain(samples.Where((_, i) => i % 2 == 1), s => s != 0);
    }

    private static RtpRelaySession Create(RtpPortAllocator allocator, bool latchAny = false, TimeProvider? time = null)
    {
        Assert.True(RtpRelaySession.TryCreate("test-call", allocator, RelayTestKit.Options(latchAny), time ?? TimeProvider.System, NullLogger<RtpRelaySession>.Instance, out var relay, out var error), error.ToString());
        return relay;
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        // Real sockets deliver asynchronously; poll briefly rather than sleep a fixed time.
        using var cts = new CancellationTokenSource(RelayTestKit.Timeout);
        while (!condition())
        {
            await Task.Yield();
            cts.Token.ThrowIfCancellationRequested();
            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System, cts.Token);
        }
    }
}
