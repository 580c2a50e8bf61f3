using Cti.Sip.Stack;
using Cti.Sip.Transactions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cti.Sip.Tests.Transactions;

public abstract class SipTransactionTestBase : IDisposable
{
    internal SipTransactionTestBase()
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Transport = new FakeSipTransport(Time);
        Wheel = new SipTimerWheel(Time, NullLogger.Instance);
        Layer = new SipTransactionLayer(Transport, Wheel, new SipTimerOptions(), SipStackObserver.None, NullLogger.Instance);
    }

    internal FakeTimeProvider Time { get; }

    internal FakeSipTransport Transport { get; }

    internal SipTimerWheel Wheel { get; }

    internal SipTransactionLayer Layer { get; }

    /// <summary>Advances in 10 ms steps so each timer fires at its own instant.</summary>
    internal void Elapse(int milliseconds)
    {
        for (var i = 0; i < milliseconds; i += 10)
        {
            Time.Advance(TimeSpan.FromMilliseconds(10));
        }
    }

    public void Dispose()
    {
        Wheel.Dispose();
        GC.SuppressFinalize(this);
    }
}
