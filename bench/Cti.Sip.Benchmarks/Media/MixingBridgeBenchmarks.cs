using System.Net;
using BenchmarkDotNet.Attributes;
using Cti.Media.Audio;
using Cti.Media.Mixing;
using Cti.Media.Relay;
using Cti.Media.Rtp;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cti.Sip.Benchmarks.Media;

/// <summary>
/// One monitored call's 20 ms in the bridge, all but the socket calls: three packets into the jitter buffers, one tick
/// (pop, decode, mix-minus, encode, RTP headers for three listeners). The parties have no address, so nothing is sent.
/// </summary>
[MemoryDiagnoser]
public class MixingBridgeBenchmarks
{
    private readonly SteppedTime _time = new();
    private readonly byte[][] _payloads = new byte[3][];
    private readonly RtpBridgeParticipant[] _parties = new RtpBridgeParticipant[3];
    private RtpPortAllocator _allocator = null!;
    private RtpMixingBridge _bridge = null!;
    private ushort _sequence;

    [GlobalSetup]
    public void Setup()
    {
        _allocator = new RtpPortAllocator(new RtpPortRangeOptions { MinPort = 47000, MaxPort = 47099 });
        _bridge = new RtpMixingBridge("bench", _allocator, new RtpRelayOptions { BindAddress = IPAddress.Loopback }, _time, NullLogger<RtpMixingBridge>.Instance, capacity: 3);
        var melody = ToneGenerator.HoldMelody();
        for (var i = 0; i < 3; i++)
        {
            if (!_bridge.TryAddEndpoint($"party{i}", G711Codec.Pcmu, out _parties[i], out var error))
            {
                throw new InvalidOperationException(error.ToString());
            }

            _payloads[i] = new byte[AudioFrameMixer.FrameSamples];
            G711.EncodeMuLaw(melody.AsSpan(i * 800, AudioFrameMixer.FrameSamples), _payloads[i]);
        }

        _bridge.SetMonitoring(MonitoringMode.Barge, _parties[0], _parties[1], _parties[2]);
        MonitoredCallTick();
        MonitoredCallTick();
        if (_bridge.GetStatistics() is not { Ticks: 2, FramesMixed: 6, Participants: 3 } ||
            _parties[0].GetStatistics() is not { Underruns: 0, PacketsIn: 2 })
        {
            throw new InvalidOperationException($"The bridge does not mix as measured: {_bridge.GetStatistics()}, {_parties[0].GetStatistics()}");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _bridge.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _allocator.Dispose();
    }

    [Benchmark]
    public long MonitoredCallTick()
    {
        for (var i = 0; i < 3; i++)
        {
            var header = new RtpHeader { PayloadType = 0, SequenceNumber = _sequence, Timestamp = (uint)(_sequence * 160), Ssrc = (uint)(i + 1) };
            _parties[i].OnAudio(header, _payloads[i]);
        }

        _sequence++;
        _time.Step();
        _bridge.OnTimer();
        return _sequence;
    }

    /// <summary>A clock that moves 20 ms per step, so every tick has exactly one round due.</summary>
    private sealed class SteppedTime : TimeProvider
    {
        private long _now;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _now;

        public void Step() => _now += TimeSpan.FromMilliseconds(20).Ticks;
    }
}
