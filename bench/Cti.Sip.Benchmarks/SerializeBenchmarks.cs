using System.Buffers;
using BenchmarkDotNet.Attributes;
using Cti.Sip.Messages;
using Cti.Sip.Parsing;
using Cti.Sip.Serialization;

namespace Cti.Sip.Benchmarks;

/// <summary>Writing parsed messages back to bytes into a reused buffer (the transport's path) and to a new array.</summary>
[MemoryDiagnoser]
public class SerializeBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private SipMessage _invite = null!;
    private SipMessage _register = null!;

    [GlobalSetup]
    public void Setup()
    {
        _invite = SipMessageParser.ParseDatagram(SipBenchmarkMessages.Invite).Message!;
        _register = SipMessageParser.ParseDatagram(SipBenchmarkMessages.Register).Message!;
    }

    [Benchmark(Baseline = true)]
    public int WriteInvite()
    {
        _buffer.ResetWrittenCount();
        SipMessageWriter.Write(_invite, _buffer);
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public int WriteRegister()
    {
        _buffer.ResetWrittenCount();
        SipMessageWriter.Write(_register, _buffer);
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public byte[] InviteToBytes() => SipMessageWriter.ToBytes(_invite);
}
