using System.Runtime.InteropServices;

namespace Cti.Routing.Benchmarks;

/// <summary>
/// CPU time consumed by the calling thread (Linux CLOCK_THREAD_CPUTIME_ID). Unlike a Stopwatch it does
/// not advance while the thread waits for a core, so percentiles stay meaningful on a shared machine.
/// </summary>
internal static class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    public static bool IsSupported { get; } = OperatingSystem.IsLinux() && TryRead(out _);

    public static long NowNanoseconds() => TryRead(out var ns) ? ns : 0;

    private static bool TryRead(out long nanoseconds)
    {
        if (NativeMethods.clock_gettime(ClockThreadCpuTimeId, out var ts) == 0)
        {
            nanoseconds = (ts.Seconds * 1_000_000_000L) + ts.Nanoseconds;
            return true;
        }

        nanoseconds = 0;
        return false;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private static class NativeMethods
    {
#pragma warning disable SYSLIB1054, CA5392, CA1401, IDE1006 // A plain libc call in a benchmark-only helper.
        [DllImport("libc", SetLastError = false)]
        public static extern int clock_gettime(int clockId, out TimeSpec timeSpec);
#pragma warning restore SYSLIB1054, CA5392, CA1401, IDE1006
    }
}
