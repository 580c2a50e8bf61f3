using System.Runtime.CompilerServices;
using Cti.Sip.Parsing;

namespace Cti.Sip.Benchmarks;

/// <summary>
/// Parses the benchmark INVITE a fixed number of times without BenchmarkDotNet, for instruction counting under
/// callgrind (stable on a shared machine where wall-clock means are not). Run it twice with different counts
/// and divide the difference in instructions by the difference in parses to get instructions per parse.
/// </summary>
internal static class InstructionCountHarness
{
    public const string Switch = "--count-instructions";

    /// <summary>Arguments: <c>--count-instructions [parses] [strict|framing|register] [warm-up parses]</c>.</summary>
    public static int Run(string[] args)
    {
        var parses = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
        var mode = args.Length > 2 ? args[2] : "strict";
        var message = mode == "register" ? SipBenchmarkMessages.Register : SipBenchmarkMessages.Invite;
        var limits = mode == "framing" ? new SipParserLimits { ValidateHeaderSyntax = false } : SipParserLimits.Default;

        // Warm up past tiered compilation so the measured loop runs optimised code (under callgrind, set
        // DOTNET_TieredCompilation=0 and a small warm-up count instead: the JIT then optimises on first call).
        var warmup = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 200_000;
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < warmup; i++)
            {
                ParseOnce(message, limits);
            }

            Thread.Sleep(200);
        }

        var kept = 0;
        for (var i = 0; i < parses; i++)
        {
            kept += MeasuredParse(message, limits);
        }

        Console.WriteLine($"{mode}: {parses} parses, {kept} messages");
        return kept == parses ? 0 : 1;
    }

    private static int ParseOnce(byte[] message, SipParserLimits limits) =>
        SipMessageParser.ParseDatagram(message, limits).Message is null ? 0 : 1;

    // Callgrind toggles collection on this method: --toggle-collect=*MeasuredParse*.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int MeasuredParse(byte[] message, SipParserLimits limits) =>
        SipMessageParser.ParseDatagram(message, limits).Message is null ? 0 : 1;
}
