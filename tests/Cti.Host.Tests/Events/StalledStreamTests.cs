using System.Text.Json.Nodes;
using Cti.Events;
using Cti.Host.Tests.Api;
using Cti.Platform.Streaming;
using Cti.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cti.Host.Tests.Events;

/// <summary>
/// A client that opens the event stream and never reads again: once the socket buffers are full the service's write
/// cannot complete, and after <c>StreamWriteTimeout</c> the connection is dropped instead of staying open for ever.
/// </summary>
public sealed class StalledStreamTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() =>
        // A buffer far larger than what is published: the stream can only end by the stalled write, not by falling behind.
        _host = await TestHost.StartAsync(null, "--Cti:Events:SubscriberBufferSize=100000", "--Cti:Events:StreamWriteTimeout=00:00:02");

    public async Task DisposeAsync()
    {
        var directory = _host.DataDirectory;
        await _host.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Stream_ClientStopsReading_DroppedAfterTheWriteTimeout_Counted()
    {
        var metrics = _host.App.Services.GetRequiredService<EventMetrics>();
        var broadcaster = _host.App.Services.GetRequiredService<Fanout<EventRecord>>();
        var publisher = _host.App.Services.GetRequiredService<IEventPublisher>();
        using var client = _host.CreateClient();
        using var stream = await SseStream.OpenAsync(client, "/api/v1/events");
        await Eventually.AssertAsync(() => broadcaster.SubscriberCount == 1, TimeSpan.FromSeconds(10), "stream subscribed");

        // Up to 24 MB, far more than the socket buffers hold, and not one byte read.
        var big = new string('x', 8000);
        for (var i = 0; i < 3000 && metrics.SseStalledDisconnects.Value < 1; i++)
        {
            await publisher.PublishAsync(new CtiEvent(CtiEventTypes.AgentState, new JsonObject { ["pad"] = big }));
        }

        await Eventually.AssertAsync(
            () => metrics.SseStalledDisconnects.Value >= 1 && metrics.SseClients.Value == 0,
            TimeSpan.FromSeconds(20),
            "the stalled stream dropped and counted");
    }
}
