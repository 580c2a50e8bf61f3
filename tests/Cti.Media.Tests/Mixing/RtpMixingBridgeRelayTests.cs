using Cti.Media.Audio;
using Cti.Media.Mixing;
using Cti.Media.Relay;
using Cti.Media.Rtp;
using Cti.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cti.Media.Tests.Mixing;

/// <summary>A relayed call (customer on leg A, agent on leg B) moved into a bridge with a supervisor, and back.</summary>
public sealed class RtpMixingBridgeRelayTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);

    [Theory]
    [InlineData(MonitoringMode.Listen, "agent", "customer")]
    [InlineData(MonitoringMode.Whisper, "agent", "customer+supervisor")]
    [InlineData(MonitoringMode.Barge, "agent+supervisor", "customer+supervisor")]
    public async Task AdoptRelay_SupervisorJoins_ModeDecidesWhoHearsWhomOnTheRelayPorts(MonitoringMode mode, string customerHears, string agentHears)
    {
        var time = new FakeTimeProvider();
        using var allocator = new RtpPortAllocator(RelayTestKit.NextRange());
        using var call = new RelayedCall(allocator, time);
        await using var relay = call.Relay;
        await using var bridge = RtpMixingBridgeTests.Create(allocator, time);
        using var supervisor = new TonePhone("supervisor", MixTestKit.SupervisorHz);

        Assert.True(bridge.TryAdoptRelay(relay, out var customerLeg, out var agentLeg, out var error), error.ToString());
        var supervisorLeg = Join(bridge, supervisor);
        bridge.SetMonitoring(mode, customerLeg, agentLeg, supervisorLeg);
        bridge.Start();
        var heard = await RtpMixingBridgeTests.RoundsAsync(time, [(call.Customer, customerLeg), (call.Agent, agentLeg), (supervisor, supervisorLeg)], rounds: 4);

        Assert.Equal(customerHears, heard[call.Customer]);
        Assert.Equal(agentHears, heard[call.Agent]);
        Assert.Equal("customer+agent", heard[supervisor]);
        Assert.Equal(relay.LegA.LocalRtpEndPoint, customerLeg.LocalRtpEndPoint);
        Assert.Equal(relay.LegB.LocalRtpEndPoint, agentLeg.LocalRtpEndPoint);
        Assert.True(relay.IsDiverted);
    }

    [Fact]
    public async Task AdoptRelay_AfterRelaying_MixedStreamCarriesOnTheSequenceNumbersAndTimestampsThePartyHad()
    {
        var time = new FakeTimeProvider();
        using var allocator = new RtpPortAllocator(RelayTestKit.NextRange());
        using var call = new RelayedCall(allocator, time);
        await using var relay = call.Relay;
        await using var bridge = RtpMixingBridgeTests.Create(allocator, time);
        var relayed = RelayTestKit.Rtp(ushort.MaxValue, timestamp: uint.MaxValue - 100, ssrc: 0x77);
        await call.Customer.Client.SendAsync(relayed, relay.LegA.LocalRtpEndPoint);
        await call.Agent.ReceivePacketAsync();

        Assert.True(bridge.TryAdoptRelay(relay, out _, out var agentLeg, out _));
        bridge.Start();
        time.Advance(Tick);
        var (mixed, _) = await call.Agent.ReceiveAudioAsync();

        // A receiver that keeps its last played sequence number across the SSRC change must not find the mix late.
        Assert.Equal(agentLeg.OutputSsrc, mixed.Ssrc);
        Assert.Equal(0, mixed.SequenceNumber);
        Assert.Equal(unchecked(uint.MaxValue - 100 + 160), mixed.Timestamp);
        Assert.True(mixed.Marker);
    }

    [Fact]
    public async Task ReleaseRelay_AfterMonitoring_LegsRelayAgainWithAMarkedTalkspurtContinuingTheMixNumbering()
    {
        var time = new FakeTimeProvider();
        using var allocator = new RtpPortAllocator(RelayTestKit.NextRange());
        using var call = new RelayedCall(allocator, time);
        await using var relay = call.Relay;
        await using var bridge = RtpMixingBridgeTests.Create(allocator, time);
        using var supervisor = new TonePhone("supervisor", MixTestKit.SupervisorHz);
        Assert.True(bridge.TryAdoptRelay(relay, out var customerLeg, out var agentLeg, out _));
        var supervisorLeg = Join(bridge, supervisor);
        bridge.SetMonitoring(MonitoringMode.Listen, customerLeg, agentLeg, supervisorLeg);
        bridge.Start();
        await RtpMixingBridgeTests.RoundsAsync(time, [(call.Customer, customerLeg), (call.Agent, agentLeg), (supervisor, supervisorLeg)], rounds: 2);

        bridge.ReleaseRelay(relay);
        time.Advance(Tick);
        var lastMixed = relay.LegB.TryGetContinuation(time.GetTimestamp(), 160, out var expectedSequence, out _);
        var sent = RelayTestKit.Rtp(500, ssrc: 0x77, fill: 0x11);
        await call.Customer.Client.SendAsync(sent, relay.LegA.LocalRtpEndPoint);
        var received = await call.Agent.ReceivePacketAsync();

        // The customer's own packet again (SSRC, payload), numbered on from what the agent heard from the mix.
        Assert.True(lastMixed);
        Assert.False(relay.IsDiverted);
        Assert.True(RtpHeader.TryRead(received, out var header));
        Assert.Equal(sent[1] | 0x80, received[1]);
        Assert.Equal(expectedSequence, header.SequenceNumber);
        Assert.Equal(0x77u, header.Ssrc);
        Assert.Equal(sent.AsSpan(12).ToArray(), received.AsSpan(12).ToArray());
        Assert.Equal(1, bridge.GetStatistics().Participants);
        Assert.True(customerLeg.IsRemoved);
    }

    [Fact]
    public async Task Remove_OneLegOfAnAdoptedRelay_HandsTheWholeRelayBack()
    {
        var time = new FakeTimeProvider();
        using var allocator = new RtpPortAllocator(RelayTestKit.NextRange());
        using var call = new RelayedCall(allocator, time);
        await using var relay = call.Relay;
        await using var bridge = RtpMixingBridgeTests.Create(allocator, time);
        Assert.True(bridge.TryAdoptRelay(relay, out var customerLeg, out var agentLeg, out _));
        bridge.Start();
        time.Advance(Tick);

        bridge.Remove(customerLeg);
        time.Advance(Tick);

        Assert.False(relay.IsDiverted);
        Assert.True(agentLeg.IsRemoved);
        Assert.Equal(0, bridge.GetStatistics().Participants);
        Assert.True(bridge.TryAdoptRelay(relay, out _, out _, out var error), error.ToString());
    }

    [Fact]
    public async Task AdoptRelay_TwiceForTheSameRelay_SecondRefusedAsInUse()
    {
        var time = new FakeTimeProvider();
        using var allocator = new RtpPortAllocator(RelayTestKit.NextRange());
        using var call = new RelayedCall(allocator, time);
        await using var relay = call.Relay;
        await using var first = RtpMixingBridgeTests.Create(allocator, time);
        await using var second = RtpMixingBridgeTests.Create(allocator, time);
        Assert.True(first.TryAdoptRelay(relay, out _, out _, out _));

        Assert.False(second.TryAdoptRelay(relay, out _, out _, out var error));

        Assert.Equal(RtpBridgeJoinError.RelayInUse, error);
    }

    [Fact]
    public async Task AdoptRelay_LegHearingPlayback_BridgeSendsItNothing()
    {
        var time = new FakeTimeProvider();
        using var allocator = new RtpPortAllocator(RelayTestKit.NextRange());
        using var call = new RelayedCall(allocator, time);
        await using var relay = call.Relay;
        await using var bridge = RtpMixingBridgeTests.Create(allocator, time);
        Assert.True(bridge.TryAdoptRelay(relay, out var customerLeg, out var agentLeg, out _));
        relay.StartPlayback(RtpRelayLegId.A, new LoopingPayloadSource(new byte[1600], WavEncoding.MuLaw));
        bridge.Start();

        for (var round = 0; round < 3; round++)
        {
            time.Advance(Tick);
        }

        await Eventually.AssertAsync(() => agentLeg.GetStatistics().PacketsOut == 3, RelayTestKit.Timeout, "the agent gets every tick");
        Assert.Equal(0, customerLeg.GetStatistics().PacketsOut);
    }

    [Fact]
    public async Task DisposeBridge_WithAdoptedRelay_HandsTheLegsBackAndReleasesOnlyItsOwnPorts()
    {
        var time = new FakeTimeProvider();
        using var allocator = new RtpPortAllocator(RelayTestKit.NextRange());
        using var call = new RelayedCall(allocator, time);
        await using var relay = call.Relay;
        var bridge = RtpMixingBridgeTests.Create(allocator, time);
        using var supervisor = new TonePhone("supervisor", MixTestKit.SupervisorHz);
        Assert.True(bridge.TryAdoptRelay(relay, out _, out _, out _));
        Join(bridge, supervisor);
        Assert.Equal(3, allocator.InUse);

        await bridge.DisposeAsync();

        Assert.False(relay.IsDiverted);
        Assert.Equal(2, allocator.InUse);
    }

    private static RtpBridgeParticipant Join(RtpMixingBridge bridge, TonePhone phone)
    {
        Assert.True(bridge.TryAddEndpoint(phone.Name, phone.Codec, out var participant, out var error), error.ToString());
        participant.SetRemote(phone.EndPoint);
        phone.Target = participant.LocalRtpEndPoint;
        return participant;
    }

    /// <summary>A started relay with a customer phone (600 Hz) on leg A and an agent phone (1000 Hz) on leg B.</summary>
    private sealed class RelayedCall : IDisposable
    {
        public RelayedCall(RtpPortAllocator allocator, TimeProvider time)
        {
            Assert.True(RtpRelaySession.TryCreate("call-1", allocator, RelayTestKit.Options(), time, NullLogger<RtpRelaySession>.Instance, out var relay, out var error), error.ToString());
            Relay = relay;
            relay.LegA.SetRemote(Customer.EndPoint);
            relay.LegB.SetRemote(Agent.EndPoint);
            Customer.Target = relay.LegA.LocalRtpEndPoint;
            Agent.Target = relay.LegB.LocalRtpEndPoint;
            relay.Start();
        }

        public TonePhone Customer { get; } = new("customer", MixTestKit.CustomerHz);

        public TonePhone Agent { get; } = new("agent", MixTestKit.AgentHz);

        public RtpRelaySession Relay { get; }

        public void Dispose()
        {
            Customer.Dispose();
            Agent.Dispose();
        }
    }
}
