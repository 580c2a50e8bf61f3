using Cti.Media.Relay;

namespace Cti.Media.Tests;

public sealed class RtpPortAllocatorTests
{
    [Fact]
    public void TryAllocate_SmallRange_GivesEvenPairsUntilExhausted()
    {
        using var allocator = new RtpPortAllocator(new RtpPortRangeOptions { MinPort = 30000, MaxPort = 30005 });

        Assert.Equal(3, allocator.Capacity);
        Assert.True(allocator.TryAllocate(out var a));
        Assert.True(allocator.TryAllocate(out var b));
        Assert.True(allocator.TryAllocate(out var c));
        Assert.False(allocator.TryAllocate(out _));
        Assert.Equal([30000, 30002, 30004], new[] { a.RtpPort, b.RtpPort, c.RtpPort });
        Assert.Equal(30001, a.RtcpPort);
        Assert.Equal(3, allocator.InUse);
    }

    [Fact]
    public void Release_AfterExhaustion_MakesThePairAvailableAgain()
    {
        using var allocator = new RtpPortAllocator(new RtpPortRangeOptions { MinPort = 30000, MaxPort = 30003 });
        allocator.TryAllocate(out var a);
        allocator.TryAllocate(out _);

        allocator.Release(a);
        allocator.Release(a);

        Assert.Equal(1, allocator.InUse);
        Assert.True(allocator.TryAllocate(out var again));
        Assert.Equal(a, again);
        Assert.False(allocator.TryAllocate(out _));
    }

    [Fact]
    public void TryAllocate_AfterRelease_PrefersPairsNotJustReleased()
    {
        using var allocator = new RtpPortAllocator(new RtpPortRangeOptions { MinPort = 30000, MaxPort = 30009 });
        allocator.TryAllocate(out var first);
        allocator.Release(first);

        allocator.TryAllocate(out var next);

        Assert.NotEqual(first, next);
    }

    [Fact]
    public void Dispose_ReleasesEverythingAndRefusesMore()
    {
        var allocator = new RtpPortAllocator(new RtpPortRangeOptions { MinPort = 30000, MaxPort = 30009 });
        allocator.TryAllocate(out _);
        allocator.TryAllocate(out _);

        allocator.Dispose();

        Assert.Equal(0, allocator.InUse);
        Assert.False(allocator.TryAllocate(out _));
    }

    [Fact]
    public void TryAllocate_ConcurrentCallers_NeverHandOutAPairTwice()
    {
        using var allocator = new RtpPortAllocator(new RtpPortRangeOptions { MinPort = 30000, MaxPort = 31999 });
        var pairs = new System.Collections.Concurrent.ConcurrentBag<int>();

        Parallel.For(0, 1200, _ =>
        {
            if (allocator.TryAllocate(out var pair))
            {
                pairs.Add(pair.RtpPort);
            }
        });

        Assert.Equal(1000, pairs.Count);
        Assert.Equal(1000, pairs.Distinct().Count());
        Assert.Equal(1000, allocator.InUse);
    }

    [Fact]
    public void Validate_BadRange_ReportsEveryError()
    {
        var errors = new RtpPortRangeOptions { MinPort = 1001, MaxPort = 70000 }.Validate();

        Assert.Equal(3, errors.Count);
    }
}
