using BenchmarkDotNet.Attributes;
using Cti.Sip.Messages;
using Cti.Sip.Parsing;

namespace Cti.Sip.Benchmarks;

/// <summary>Datagram parsing: strict (default limits, core headers checked and cached) and framing only.</summary>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    private static readonly SipParserLimits FramingOnly = new() { ValidateHeaderSyntax = false };

    [Benchmark(Baseline = true)]
    public SipMessage? ParseInvite() => SipMessageParser.ParseDatagram(SipBenchmarkMessages.Invite).Message;

    [Benchmark]
    public SipMessage? ParseInviteFramingOnly() => SipMessageParser.ParseDatagram(SipBenchmarkMessages.Invite, FramingOnly).Message;

    [Benchmark]
    public SipMessage? ParseRegister() => SipMessageParser.ParseDatagram(SipBenchmarkMessages.Register).Message;
}
