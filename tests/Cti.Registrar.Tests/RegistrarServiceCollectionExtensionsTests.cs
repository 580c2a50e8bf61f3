using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cti.Registrar.Tests;

public sealed class RegistrarServiceCollectionExtensionsTests
{
    private const string Deprecation = "Cti:Agents as an array is deprecated";

    [Fact]
    public void AddRegistrar_ArrayForm_ReadsTheAccountsAndLeavesTheWarningToTheHost()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cti:Agents:0:Extension"] = "1001",
            ["Cti:Agents:0:Password"] = "secret1001",
            ["Cti:Agents:1:Extension"] = "1002",
            ["Cti:Agents:1:Password"] = "secret1002",
        }).Build();
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs));
        services.AddRegistrar(configuration);
        using var provider = services.BuildServiceProvider();

        var directory = provider.GetRequiredService<AgentDirectory>();

        Assert.NotNull(directory.Find("1001"));
        Assert.NotNull(directory.Find("1002"));
        // The host warns once for every section still written as an array, this one included.
        Assert.Empty(logs.Warnings);
    }

    [Fact]
    public void AddRegistrar_ObjectForm_NoWarningAndKeysAreExtensions()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cti:Agents:1001:Password"] = "secret1001",
        }).Build();
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs));
        services.AddRegistrar(configuration);
        using var provider = services.BuildServiceProvider();

        var directory = provider.GetRequiredService<AgentDirectory>();

        Assert.NotNull(directory.Find("1001"));
        Assert.DoesNotContain(logs.Warnings, w => w.Contains(Deprecation, StringComparison.Ordinal));
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Warnings { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel == LogLevel.Warning)
                {
                    owner.Warnings.Enqueue(formatter(state, exception));
                }
            }
        }
    }
}
