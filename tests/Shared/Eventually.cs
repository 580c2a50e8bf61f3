using System.Diagnostics;

namespace Cti.Testing;

/// <summary>Bounded waits for things that happen across a real process, socket or tty; shared by the test projects.</summary>
internal static class Eventually
{
    public static async Task<bool> TrueAsync(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(20);
        }

        return condition();
    }

    public static async Task AssertAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        Assert.True(await TrueAsync(condition, timeout), $"Timed out after {timeout.TotalSeconds} s waiting for: {what}");
    }
}
