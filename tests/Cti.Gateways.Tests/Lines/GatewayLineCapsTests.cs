using Cti.Gateways.Hosting;
using Cti.Gateways.Lines;
using Microsoft.Extensions.Time.Testing;

namespace Cti.Gateways.Tests.Lines;

public sealed class GatewayLineCapsTests
{
    private static FakeTimeProvider ClockAt(int hour, int minute = 0)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, hour, minute, 0, TimeSpan.Zero));
        clock.SetLocalTimeZone(TimeZoneInfo.Utc);
        return clock;
    }

    [Fact]
    public void Check_NoCaps_AlwaysAllowed()
    {
        var caps = new GatewayLineCaps(new GatewayCapsOptions(), ClockAt(3));

        Assert.Null(caps.Check(10_000, ClockAt(3).GetUtcNow()));
    }

    [Fact]
    public void Check_DailyLimitReached_Refused()
    {
        var caps = new GatewayLineCaps(new GatewayCapsOptions { MaxCallsPerDay = 50 }, ClockAt(10));

        Assert.Null(caps.Check(49, null));
        Assert.Contains("daily limit", caps.Check(50, null), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_MinimumGap_RefusedUntilGapPassed()
    {
        var clock = ClockAt(10);
        var caps = new GatewayLineCaps(new GatewayCapsOptions { MinGapBetweenCalls = TimeSpan.FromSeconds(90) }, clock);
        var last = clock.GetUtcNow();

        clock.Advance(TimeSpan.FromSeconds(89));
        var early = caps.Check(1, last);
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.NotNull(early);
        Assert.Null(caps.Check(1, last));
    }

    [Theory]
    [InlineData(8, 59, false)]
    [InlineData(9, 0, true)]
    [InlineData(17, 59, true)]
    [InlineData(18, 0, false)]
    public void Check_ActiveHours_OnlyInsideWindow(int hour, int minute, bool allowed)
    {
        var hours = new GatewayActiveHoursOptions { From = new TimeOnly(9, 0), To = new TimeOnly(18, 0) };
        var caps = new GatewayLineCaps(new GatewayCapsOptions { ActiveHours = hours }, ClockAt(hour, minute));

        Assert.Equal(allowed, caps.Check(0, null) is null);
    }

    [Theory]
    [InlineData(23, true)]
    [InlineData(2, true)]
    [InlineData(12, false)]
    public void Check_ActiveHoursAcrossMidnight_Wraps(int hour, bool allowed)
    {
        var hours = new GatewayActiveHoursOptions { From = new TimeOnly(22, 0), To = new TimeOnly(6, 0) };
        var caps = new GatewayLineCaps(new GatewayCapsOptions { ActiveHours = hours }, ClockAt(hour));

        Assert.Equal(allowed, caps.Check(0, null) is null);
    }

    [Fact]
    public void Today_UsesLocalTimeZone_RollsAtLocalMidnight()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 15, 30, 0, TimeSpan.Zero));
        clock.SetLocalTimeZone(TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "UTC+8", "UTC+8"));
        var caps = new GatewayLineCaps(new GatewayCapsOptions(), clock);

        var before = caps.Today;
        clock.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(new DateOnly(2026, 3, 2), before);
        Assert.Equal(new DateOnly(2026, 3, 3), caps.Today);
    }
}
