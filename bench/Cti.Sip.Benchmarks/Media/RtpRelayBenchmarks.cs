using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Cti.Media.Relay;
using Cti.Media.Rtp;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cti.Sip.Benchmarks.Media;

/// <summary>
/// One RTP packet from phone A through the relay to phone B over loopback, with blocking sockets on the benchmark
/// thread. MemoryDiagnoser counts allocations process-wide, so the relay's receive loop is included in "Allocated".
/// </summary>
[MemoryDiagnoser]
public class RtpRelayBenchmarks
{
    private readonly byte[] _packet = new byte[RtpHeader.FixedSize + 160];
    private readonly byte[] _received = new byte[2048];
    private RtpPortAllocator _allocator = null!;
    private RtpRelaySession _relay = null!;
    private Socket _phoneA = null!;
    private Socket _phoneB = null!;
    private SocketAddress _relayA = null!;
    private SocketAddress _from = null!;
    private ushort _sequence;

    [GlobalSetup]
    public void Setup()
    {
        _allocator = new RtpPortAllocator(new RtpPortRangeOptions { MinPort = 47000, MaxPort = 47099 });
        var options = new RtpRelayOptions { BindAddress = IPAddress.Loopback };
        if (!RtpRelaySession.TryCreate("bench", _allocator, options, TimeProvider.System, NullLogger<RtpRelaySession>.Instance, out _relay, out var error))
        {
            throw new InvalidOperationException(error.ToString());
        }

        _phoneA = Phone();
        _phoneB = Phone();
        _relay.LegA.SetRemote((IPEndPoint)_phoneA.LocalEndPoint!);
        _relay.LegB.SetRemote((IPEndPoint)_phoneB.LocalEndPoint!);
        _relay.Start();
        _relayA = _relay.LegA.LocalRtpEndPoint.Serialize();
        _from = new SocketAddress(AddressFamily.InterNetwork);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _relay.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _phoneA.Dispose();
        _phoneB.Dispose();
        _allocator.Dispose();
    }

    [Benchmark]
    public int RelayOnePacket()
    {
        new RtpHeader { PayloadType = 0, SequenceNumber = _sequence++, Timestamp = _sequence * 160u, Ssrc = 42 }.Write(_packet);
        _phoneA.SendTo(_packet, SocketFlags.None, _relayA);
        return _phoneB.ReceiveFrom(_received, SocketFlags.None, _from);
    }

    private static Socket Phone()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 2000 };
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }
}
