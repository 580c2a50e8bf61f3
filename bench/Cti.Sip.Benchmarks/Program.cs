using BenchmarkDotNet.Running;
using Cti.Sip.Benchmarks;

if (args.Length > 0 && args[0] == InstructionCountHarness.Switch)
{
    return InstructionCountHarness.Run(args);
}

if (args.Length > 0 && args[0] == RelayLoadHarness.Switch)
{
    return RelayLoadHarness.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
