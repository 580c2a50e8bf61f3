using System.Collections.Concurrent;
using Cti.Media.Audio;
using Cti.Media.Mixing;
using Cti.Media.Relay;
using Cti.Media.Rtp;
using Cti.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cti.Media.Tests.Mixing;

/// <summary>The bridge over real loopback sockets, its tick driven by a fake clock: each round every phone sends one frame, the test waits until the bridge has it, then moves the clock 20 ms.</summary>
public sealed class RtpMixingBridgeTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);

    [Theory]
    [InlineData(MonitoringMode.Listen, "agent", "customer", "customer+agent")]
    [InlineData(MonitoringMode.Whisper, "agent", "customer+supervisor", "customer+agent")]
    [InlineData(MonitoringMode.Barge, "agent+supervisor", "customer+supervisor", "customer+agent")]
    public async Task Bridge_ThreeToneEndpoints_EachHearsWhatTheModeAllows(MonitoringMode mode, string customerHears, string agentHears, string supervisorHears)
    {
        var time = new FakeTimeProvider();
        using var allocator = new RtpPortAllocator(RelayTestKit.NextRange());
        await using var bridge = Create(allocator, time);
        using var rig = new ThreeParties(bridge);
        bridge.SetMonitoring(mode, rig.CustomerLeg, rig.AgentLeg, rig.SupervisorLeg);
        bridge.Start();

        var heard = await RoundsAsync(time, rig.All, rounds: 4);

        Assert.Equal(customerHears, heard[rig.Customer]);
        Assert.Equal(agentHears, heard[rig.Agent]);
        Assert.Equal(supervisorHears, heard[rig.Supervisor]);
    }

    [Fact]
    public async Task Bridge_ModeChangedWhileRunning_TakesEffectAtTheNextTick()
    {
        var time = new FakeTimeProvider();
        using var allocator = new RtpPortAllocator(RelayTestKit.NextRange());
        await using var bridge = Create(allocator, time);
        using var rig = new ThreeParties(bridge);
        bridge.SetMonitoring(MonitoringMode.Listen, rig.CustomerLeg, rig.AgentLeg, rig.SupervisorLeg);
        bridge.Start();
        var listening = await RoundsAsync(time, rig.All, rounds: 3);

        bridge.SetMonitoring(MonitoringMode.Whisper, rig.CustomerLeg, rig.AgentLeg, rig.SupervisorLeg);
        var whispering = await RoundsAsync(time, rig.All, rounds: 1);
        bridge.SetMonitoring(MonitoringMode.Barge, rig.CustomerLeg, rig.AgentLeg, rig.SupervisorLeg);
        var barging = await RoundsAsync(time, rig.All, rounds: 1);
        bridge.SetMonitoring(MonitoringMode.Listen, rig.CustomerLeg, rig.AgentLeg, rig.SupervisorLeg);
        var listeningAgain = await RoundsAsync(time, rig.All, rounds: 1);

        Assert.Equal("customer", listening[rig.Agent]);
        Assert.Equal("customer+supervisor", whispering[rig.Agent]);
        Assert.Equal("agent", whispering[rig.Customer]);
        Assert.Equal("agent+supervisor", barging[rig.Customer]);
        Assert.Equal("agent", listeningAgain[rig.Customer]);
        Assert.Equal("customer", listeningAgain[rig.Agent]);
    }

    [Fact]
    public async Task Bridge_Conference_EveryoneHearsEveryoneElseAndCountersAddUp()
    {
        var time = new FakeTimeProvider();
        using var allocator = new RtpPortAllocator(RelayTestKit.NextRange());
        await using var bridge = Create(allocator, time);
        using var rig = new ThreeParties(bridge);
        bridge.SetConference([rig.CustomerLeg, rig.AgentLeg, rig.SupervisorLeg]);
        bridge.Start();

        var heard = await RoundsAsync(time, rig.All, rounds: 3);

        Assert.Equal("agent+supervisor", heard[rig.Customer]);
        Assert.Equal("customer+supervisor", heard[rig.Agent]);
        Assert.Equal("customer+agent", heard[rig.Supervisor]);
        var statistics = bridge.GetStatistics();
        Assert.Equal(new RtpMixingBridgeStatistics(Ticks: 3, FramesMixed: 9, FramesSkipped: 0, Participants: 3), statistics);
        await Eventually.AssertAsync(() => rig.CustomerLeg.GetStatistics().PacketsOut == 3, RelayTestKit.Timeout, "three packets counted out");
        Assert.Equal(3, rig.CustomerLeg.GetStatistics().PacketsIn);
    }

    [Fact]
    public async Task Bridge_OutputStreams_HaveTheirOwnSsrcSequenceTimestampAndCodec()
    {
        var time = new FakeTimeProvider();
        using var allocator = new RtpPortAllocator(RelayTestKit.NextRange());
        await using var bridge = Create(allocator, time);
        using var rig = new ThreeParties(bridge, agentCodec: G711Codec.Pcma);
        bridge.SetConference([rig.CustomerLeg, rig.AgentLeg, rig.SupervisorLeg]);
        bridge.Start();
        var customer = new List<RtpHeader>();
        var agent = new List<RtpHeader>();

        for (var round = 0; round < 3; round++)
        {
            time.Advance(Tick);
            customer.Add((await rig.Customer.ReceiveAudioAsync()).Header);
            agent.Add((await rig.Agent.ReceiveAudioAsync()).Header);
            await rig.Supervisor.ReceivePacketAsync();
        }

        Assert.All(customer, h => Assert.Equal(0, h.PayloadType));
        Assert.All(agent, h => Assert.Equal(8, h.PayloadType));
        Assert.NotEqual(customer[0].Ssrc, agent[0].Ssrc);
        Assert.All(customer, h => Assert.Equal(rig.CustomerLeg.OutputSsrc, h.Ssrc));
        Assert.Equal([true, false, false], customer.Select(h => h.Marker));
        Assert.Equal([(ushort)(customer[0].SequenceNumber + 1), (ushort)(customer[0].SequenceNumber + 2)], customer.Skip(1).Select(h => h.SequenceNumber));
        Assert.Equal([customer[0].Timestamp + 160, customer[0].Timestamp + 320], customer.Skip(1).Select(h => h.Timestamp));
    }

    [Fact]
    public async Task Bridge_SilentParties_ListenersGetG711Silence()
    {
        var time = new FakeTimeProvider();
        using var allocator = new RtpPortAllocator(RelayTestKit.NextRange());
        await using var bridge = Create(allocator, time);
        using var rig = new ThreeParties(bridge);
        bridge.SetConference([rig.CustomerLeg, rig.AgentLeg, rig.SupervisorLeg]);
        bridge.Start();

        time.Advance(Tick);
        var packet = await rig.Customer.ReceivePacketAsync();

        Assert.All(packet.AsSpan(RtpHeader.FixedSize).ToArray(), b => Assert.Equal(G711.MuLawSilence, b));
    }

    [Fact]
    public async Task Bridge_Rfc4733FromSupervisor_RaisesStartAndOneEndAndIsNotMixed()
    {
        var time = new FakeTimeProvider();
        using var allocator = new RtpPortAllocator(RelayTestKit.NextRange());
        await using var bridge = Create(allocator, time);
        using var rig = new ThreeParties(bridge);
        bridge.SetMonitoring(MonitoringMode.Barge, rig.CustomerLeg, rig.AgentLeg, rig.SupervisorLeg);
        var events = new ConcurrentQueue<RtpBridgeDtmfEvent>();
        bridge.DtmfReceived += (_, e) => events.Enqueue(e);
        bridge.Start();

        string agentHears = "";
        for (var round = 0; round < 4; round++)
        {
            await rig.Customer.SendToneAsync();
            await rig.Supervisor.SendAsync(DtmfPayload('2', end: round >= 2, duration: (ushort)(160 * Math.Min(round + 1, 3))), 101, timestamp: 8000);
            await Eventually.AssertAsync(
                () => rig.CustomerLeg.GetStatistics().PacketsIn == round + 1 && rig.SupervisorLeg.GetStatistics().PacketsIn == round + 1,
                RelayTestKit.Timeout,
                "the bridge has this round's packets");
            time.Advance(Tick);
            agentHears = MixTestKit.Heard((await rig.Agent.ReceiveAudioAsync()).Samples);
            await rig.Customer.ReceivePacketAsync();
            await rig.Supervisor.ReceivePacketAsync();
        }

        Assert.Equal("customer", agentHears);
        Assert.Equal(
            [
                new RtpBridgeDtmfEvent(rig.SupervisorLeg, '2', TimeSpan.FromMilliseconds(20), false, 8000),
                new RtpBridgeDtmfEvent(rig.SupervisorLeg, '2', TimeSpan.FromMilliseconds(60), true, 8000),
            ],
            events.ToArray());
        Assert.Equal(0, rig.SupervisorLeg.GetStatistics().PacketsRejected);
    }

    [Fact]
    public async Task Bridge_DuplicateAndLatePackets_AreDroppedAndCounted()
    {
        var time = new FakeTimeProvider();
        using var allocator = new RtpPortAllocator(RelayTestKit.NextRange());
        await using var bridge = Create(allocator, time);
        using var rig = new ThreeParties(bridge);
        bridge.SetConference([rig.CustomerLeg, rig.AgentLeg]);
        bridge.Start();
        var tone = MixTestKit.Encode(MixTestKit.Tone(MixTestKit.CustomerHz));

        await rig.Customer.SendAsync(tone, 0, sequence: 10);
        await rig.Customer.SendAsync(tone, 0, sequence: 11);
        await rig.Customer.SendAsync(tone, 0, sequence: 11);
        await Eventually.AssertAsync(() => rig.CustomerLeg.GetStatistics().PacketsIn == 3, RelayTestKit.Timeout, "three packets in");
        time.Advance(Tick);
        time.Advance(Tick);
        await rig.Customer.SendAsync(tone, 0, sequence: 10);
        await Eventually.AssertAsync(() => rig.CustomerLeg.GetStatistics().PacketsIn == 4, RelayTestKit.Timeout, "the late packet in");

        var statistics = rig.CustomerLeg.GetStatistics();
        Assert.Equal(1, statistics.PacketsDuplicate);
        Assert.Equal(1, statistics.PacketsLate);
        Assert.Equal("customer", MixTestKit.Heard((await rig.Agent.ReceiveAudioAsync()).Samples));
    }

    [Fact]
    public async Task Bridge_RtcpFromAParty_CountedAndNotForwardedRtpOnTheRtcpPortRejected()
    {
        var time = new FakeTimeProvider();
        using var allocator = new RtpPortAllocator(RelayTestKit.NextRange());
        await using var bridge = Create(allocator, time);
        using var rig = new ThreeParties(bridge);
        using var agentRtcp = RelayTestKit.Phone();
        rig.AgentLeg.SetRemote(rig.Agent.EndPoint, agentRtcp.EndPoint());
        bridge.SetConference([rig.CustomerLeg, rig.AgentLeg, rig.SupervisorLeg]);
        bridge.Start();
        byte[] receiverReport = [0x80, 201, 0, 1, 0, 0, 0x12, 0x34];

        await rig.Customer.Client.SendAsync(receiverReport, rig.CustomerLeg.LocalRtcpEndPoint);
        await rig.Customer.Client.SendAsync(RelayTestKit.Rtp(1), rig.CustomerLeg.LocalRtcpEndPoint);
        await Eventually.AssertAsync(() => rig.CustomerLeg.GetStatistics().PacketsRejected == 1, RelayTestKit.Timeout, "the RTP packet on the RTCP port rejected");

        Assert.Equal(1, rig.CustomerLeg.GetStatistics().RtcpPacketsIn);
        Assert.Equal(0, rig.CustomerLeg.GetStatistics().PacketsIn);
        Assert.Equal(rig.CustomerLeg.LocalRtpEndPoint.Port + 1, rig.CustomerLeg.LocalRtcpEndPoint.Port);
        Assert.Equal(0, agentRtcp.Available);
    }

    [Fact]
    public async Task Bridge_RemoveParticipant_StopsItsStreamAndReleasesItsPorts()
    {
        var time = new FakeTimeProvider();
        using var allocator = new RtpPortAllocator(RelayTestKit.NextRange());
        await using var bridge = Create(allocator, time);
        using var rig = new ThreeParties(bridge);
        bridge.SetConference([rig.CustomerLeg, rig.AgentLeg, rig.SupervisorLeg]);
        bridge.Start();
        time.Advance(Tick);
        await Eventually.AssertAsync(() => rig.SupervisorLeg.GetStatistics().PacketsOut == 1, RelayTestKit.Timeout, "one packet to the supervisor");
        Assert.Equal(3, allocator.InUse);

        bridge.Remove(rig.SupervisorLeg);
        time.Advance(Tick);
        time.Advance(Tick);

        Assert.Equal(2, allocator.InUse);
        Assert.Equal(2, bridge.GetStatistics().Participants);
        Assert.Equal(1, rig.SupervisorLeg.GetStatistics().PacketsOut);
        await Eventually.AssertAsync(() => rig.CustomerLeg.GetStatistics().PacketsOut == 3, RelayTestKit.Timeout, "the customer still gets every tick");
    }

    [Fact]
    public async Task Bridge_FullBridge_RefusesAnotherPartyWithoutHoldingPorts()
    {
        var time = new FakeTimeProvider();
        using var allocator = new RtpPortAllocator(RelayTestKit.NextRange());
        await using var bridge = Create(allocator, time, capacity: 2);
        Assert.True(bridge.TryAddEndpoint("one", G711Codec.Pcmu, out _, out _));
        Assert.True(bridge.TryAddEndpoint("two", G711Codec.Pcmu, out _, out _));

        Assert.False(bridge.TryAddEndpoint("three", G711Codec.Pcmu, out _, out var error));

        Assert.Equal(RtpBridgeJoinError.BridgeFull, error);
        Assert.Equal(2, allocator.InUse);
    }

    [Fact]
    public async Task Bridge_Dispose_ReleasesEveryPort()
    {
        var time = new FakeTimeProvider();
        using var allocator = new RtpPortAllocator(RelayTestKit.NextRange());
        var bridge = Create(allocator, time);
        Assert.True(bridge.TryAddEndpoint("one", G711Codec.Pcmu, out _, out _));
        Assert.True(bridge.TryAddEndpoint("two", G711Codec.Pcmu, out _, out _));
        bridge.Start();
        time.Advance(Tick);

        await bridge.DisposeAsync();

        Assert.Equal(0, allocator.InUse);
        Assert.Throws<ObjectDisposedException>(() => bridge.TryAddEndpoint("three", G711Codec.Pcmu, out _, out _));
    }

    [Fact]
    public async Task Bridge_RealClock_PhonesPacedByTheBridge_BargeMixesEveryoneButOneself()
    {
        using var allocator = new RtpPortAllocator(RelayTestKit.NextRange());
        await using var bridge = Create(allocator, TimeProvider.System);
        using var rig = new ThreeParties(bridge);
        bridge.SetMonitoring(MonitoringMode.Barge, rig.CustomerLeg, rig.AgentLeg, rig.SupervisorLeg);
        bridge.Start();

        // Each phone answers every packet it gets with one frame, so the bridge's own clock paces the conversation.
        var heard = await Task.WhenAll(rig.All.Select(p => AnswerEveryPacketAsync(p.Phone, frames: 30)));

        Assert.Contains("agent+supervisor", heard[0][^10..]);
        Assert.Contains("customer+supervisor", heard[1][^10..]);
        Assert.Contains("customer+agent", heard[2][^10..]);
        Assert.DoesNotContain(heard[0], h => h.Contains("customer", StringComparison.Ordinal));
        Assert.DoesNotContain(heard[1], h => h.Contains("agent", StringComparison.Ordinal));
        Assert.DoesNotContain(heard[2], h => h.Contains("supervisor", StringComparison.Ordinal));
        Assert.True(bridge.GetStatistics().Ticks >= 30);
    }

    private static async Task<string[]> AnswerEveryPacketAsync(TonePhone phone, int frames)
    {
        var heard = new string[frames];
        for (var i = 0; i < frames; i++)
        {
            heard[i] = MixTestKit.Heard((await phone.ReceiveAudioAsync()).Samples);
            await phone.SendToneAsync();
        }

        return heard;
    }

    internal static RtpMixingBridge Create(RtpPortAllocator allocator, TimeProvider time, int capacity = RtpMixingBridge.DefaultCapacity) =>
        new("test-bridge", allocator, RelayTestKit.Options(), time, NullLogger<RtpMixingBridge>.Instance, capacity);

    /// <summary>Runs mixing rounds and returns who each phone heard in the last frame it received.</summary>
    internal static async Task<Dictionary<TonePhone, string>> RoundsAsync(FakeTimeProvider time, IReadOnlyList<(TonePhone Phone, RtpBridgeParticipant Participant)> parties, int rounds)
    {
        var heard = new Dictionary<TonePhone, string>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (phone, _) in parties)
            {
                await phone.SendToneAsync();
            }

            await Eventually.AssertAsync(
                () => parties.All(p => p.Participant.GetStatistics().PacketsIn >= p.Phone.Sent),
                RelayTestKit.Timeout,
                "the bridge has every phone's frame");
            time.Advance(Tick);
            foreach (var (phone, _) in parties)
            {
                heard[phone] = MixTestKit.Heard((await phone.ReceiveAudioAsync()).Samples);
            }
        }

        return heard;
    }

    private static byte[] DtmfPayload(char digit, bool end, ushort duration)
    {
        var payload = new byte[TelephoneEvent.Size];
        new TelephoneEvent((byte)TelephoneEvent.EventFor(digit), end, 10, duration).Write(payload);
        return payload;
    }

    /// <summary>Customer (600 Hz), agent (1000 Hz) and supervisor (1400 Hz), each an endpoint of the bridge.</summary>
    private sealed class ThreeParties : IDisposable
    {
        public ThreeParties(RtpMixingBridge bridge, G711Codec agentCodec = G711Codec.Pcmu)
        {
            Customer = new TonePhone("customer", MixTestKit.CustomerHz);
            Agent = new TonePhone("agent", MixTestKit.AgentHz, agentCodec);
            Supervisor = new TonePhone("supervisor", MixTestKit.SupervisorHz);
            CustomerLeg = Join(bridge, Customer);
            AgentLeg = Join(bridge, Agent);
            SupervisorLeg = Join(bridge, Supervisor);
            All = [(Customer, CustomerLeg), (Agent, AgentLeg), (Supervisor, SupervisorLeg)];
        }

        public TonePhone Customer { get; }

        public TonePhone Agent { get; }

        public TonePhone Supervisor { get; }

        public RtpBridgeParticipant CustomerLeg { get; }

        public RtpBridgeParticipant AgentLeg { get; }

        public RtpBridgeParticipant SupervisorLeg { get; }

        public IReadOnlyList<(TonePhone Phone, RtpBridgeParticipant Participant)> All { get; }

        public void Dispose()
        {
            Customer.Dispose();
            Agent.Dispose();
            Supervisor.Dispose();
        }

        private static RtpBridgeParticipant Join(RtpMixingBridge bridge, TonePhone phone)
        {
            Assert.True(bridge.TryAddEndpoint(phone.Name, phone.Codec, out var participant, out var error), error.ToString());
            participant.SetRemote(phone.EndPoint);
            phone.Target = participant.LocalRtpEndPoint;
            return participant;
        }
    }
}
