namespace Cti.Interop.Tests.Infrastructure;

/// <summary>One running service shared by the tests of a class.</summary>
public sealed class CtiHostFixture : IAsyncLifetime
{
    /// <summary>Short timers (T1 = 50 ms): a transaction is gone 64·T1 = 3.2 s after its last message.</summary>
    public static readonly TimeSpan T1 = TimeSpan.FromMilliseconds(50);

    internal CtiHostProcess Host { get; } = new() { T1 = T1 };

    public Task InitializeAsync() => Host.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
