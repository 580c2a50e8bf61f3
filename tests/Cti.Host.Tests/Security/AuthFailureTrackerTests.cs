using System.Net;
using Cti.Platform.Security;
using Microsoft.Extensions.Time.Testing;

namespace Cti.Host.Tests.Security;

public sealed class AuthFailureTrackerTests
{
    private static readonly IPAddress Attacker = IPAddress.Parse("198.51.100.7");
    private static readonly IPAddress Other = IPAddress.Parse("198.51.100.8");
    private readonly FakeTimeProvider _time = new();
    private readonly AuthFailureTracker _tracker;

    public AuthFailureTrackerTests()
    {
        _tracker = new AuthFailureTracker(
            new BanOptions { MaxFailures = 3, Window = TimeSpan.FromMinutes(1), Duration = TimeSpan.FromMinutes(10) }, _time);
    }

    [Fact]
    public void RecordFailure_ReachingLimitInsideWindow_BansThatAddressOnly()
    {
        Assert.False(_tracker.RecordFailure(Attacker));
        Assert.False(_tracker.RecordFailure(Attacker));
        Assert.False(_tracker.IsBanned(Attacker));

        Assert.True(_tracker.RecordFailure(Attacker));

        Assert.True(_tracker.IsBanned(Attacker));
        Assert.False(_tracker.IsBanned(Other));
        Assert.Equal(1, _tracker.BannedCount);
    }

    [Fact]
    public void RecordFailure_SpreadBeyondWindow_NoBan()
    {
        _tracker.RecordFailure(Attacker);
        _tracker.RecordFailure(Attacker);
        _time.Advance(TimeSpan.FromSeconds(61));

        Assert.False(_tracker.RecordFailure(Attacker));
        Assert.False(_tracker.IsBanned(Attacker));
    }

    [Fact]
    public void IsBanned_AfterDuration_Lifted()
    {
        for (var i = 0; i < 3; i++)
        {
            _tracker.RecordFailure(Attacker);
        }

        _time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        Assert.True(_tracker.IsBanned(Attacker));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(_tracker.IsBanned(Attacker));
    }
}
