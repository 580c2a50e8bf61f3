using Cti.Sip.Transactions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cti.Sip.Tests.Transactions;

public sealed class SipTimerWheelTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Schedule_FiresInDueOrderOnlyWhenDue()
    {
        using var wheel = new SipTimerWheel(_time, NullLogger.Instance);
        var fired = new List<string>();
        wheel.Schedule(TimeSpan.FromMilliseconds(300), () => fired.Add("c"));
        wheel.Schedule(TimeSpan.FromMilliseconds(100), () => fired.Add("a"));
        wheel.Schedule(TimeSpan.FromMilliseconds(200), () => fired.Add("b"));

        _time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.Empty(fired);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(["a"], fired);
        _time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Equal(["a", "b", "c"], fired);
        Assert.Equal(0, wheel.Pending);
    }

    [Fact]
    public void Cancel_PreventsCallback()
    {
        using var wheel = new SipTimerWheel(_time, NullLogger.Instance);
        var fired = 0;
        var handle = wheel.Schedule(TimeSpan.FromMilliseconds(50), () => fired++);
        wheel.Schedule(TimeSpan.FromMilliseconds(60), () => fired += 10);

        handle.Cancel();
        _time.Advance(TimeSpan.FromMilliseconds(100));

        Assert.Equal(10, fired);
    }

    [Fact]
    public void Schedule_FromCallback_ChainsAndThrowingCallbackDoesNotStopOthers()
    {
        using var wheel = new SipTimerWheel(_time, NullLogger.Instance);
        var fired = new List<long>();
        wheel.Schedule(TimeSpan.FromMilliseconds(10), () => throw new InvalidOperationException("boom"));
        wheel.Schedule(TimeSpan.FromMilliseconds(10), () =>
        {
            fired.Add(_time.GetUtcNow().ToUnixTimeMilliseconds());
            wheel.Schedule(TimeSpan.FromMilliseconds(10), () => fired.Add(_time.GetUtcNow().ToUnixTimeMilliseconds()));
        });

        var start = _time.GetUtcNow().ToUnixTimeMilliseconds();
        _time.Advance(TimeSpan.FromMilliseconds(10));
        _time.Advance(TimeSpan.FromMilliseconds(10));

        Assert.Equal([start + 10, start + 20], fired);
    }
}
