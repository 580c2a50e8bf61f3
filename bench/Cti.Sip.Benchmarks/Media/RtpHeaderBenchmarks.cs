using BenchmarkDotNet.Attributes;
using Cti.Media.Rtp;

namespace Cti.Sip.Benchmarks.Media;

/// <summary>RTP header parse and write of a 20 ms G.711 packet.</summary>
[MemoryDiagnoser]
public class RtpHeaderBenchmarks
{
    private readonly byte[] _packet = new byte[RtpHeader.FixedSize + 160];
    private readonly byte[] _output = new byte[RtpHeader.FixedSize + 160];
    private RtpHeader _header;

    [GlobalSetup]
    public void Setup()
    {
        _header = new RtpHeader { PayloadType = 0, SequenceNumber = 4711, Timestamp = 123456, Ssrc = 0xCAFEBABE, Marker = true };
        _header.Write(_packet);
    }

    [Benchmark(Baseline = true)]
    public int Parse()
    {
        RtpHeader.TryRead(_packet, out var header);
        return header.SequenceNumber + header.GetPayload(_packet).Length;
    }

    [Benchmark]
    public int Write() => _header.Write(_output);
}
