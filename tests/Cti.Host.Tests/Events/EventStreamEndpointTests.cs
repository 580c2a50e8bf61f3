using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cti.Events;
using Cti.Host.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using Cti.Platform.Streaming;

namespace Cti.Host.Tests.Events;

public sealed class EventStreamEndpointTests : IAsyncLifetime
{
    private const string ViewerKey = "viewer-key-123-integrator";
    private TestHost _host = null!;
    private IEventPublisher _publisher = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync(
            null,
            $"--Cti:Api:Keys:viewer:Key={ViewerKey}",
            "--Cti:Api:Keys:viewer:Roles:0=integrator",
            "--Cti:Events:SubscriberBufferSize=64");
        _publisher = _host.App.Services.GetRequiredService<IEventPublisher>();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<EventRecord> PublishAsync(int index, string type = CtiEventTypes.AgentState) =>
        _publisher.PublishAsync(new CtiEvent(type, new JsonObject { ["index"] = index, ["from"] = "+8613812345678" }) { AgentId = "1001" });

    [Fact]
    public async Task Stream_LiveEvents_ReceivedInOrderWithIdTypeAndData()
    {
        using var client = _host.CreateClient();
        using var stream = await SseStream.OpenAsync(client, "/api/v1/events");
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);

        var published = new List<EventRecord>();
        for (var i = 0; i < 5; i++)
        {
            published.Add(await PublishAsync(i));
        }

        for (var i = 0; i < 5; i++)
        {
            var message = await stream.NextAsync();
            Assert.Equal(published[i].Seq, message.Id);
            Assert.Equal("agent.state", message.Type);
            using var json = JsonDocument.Parse(message.Data);
            Assert.Equal(published[i].Seq.ToString(System.Globalization.CultureInfo.InvariantCulture), json.RootElement.GetProperty("id").GetString());
            Assert.Equal("com.cti.agent.state", json.RootElement.GetProperty("type").GetString());
            Assert.Equal(i, json.RootElement.GetProperty("data").GetProperty("index").GetInt32());
            Assert.Equal("+8613812345678", json.RootElement.GetProperty("data").GetProperty("from").GetString()); // admin key
        }
    }

    [Fact]
    public async Task Stream_ResumeWithLastEventId_NoGapNoDuplicateWhilePublishing()
    {
        using var client = _host.CreateClient();
        long lastSeen;
        using (var first = await SseStream.OpenAsync(client, "/api/v1/events"))
        {
            for (var i = 0; i < 5; i++)
            {
                await PublishAsync(i);
            }

            await first.NextAsync();
            await first.NextAsync();
            lastSeen = (await first.NextAsync()).Id!.Value;
        }

        // Published while the client is away, then more while it replays.
        for (var i = 5; i < 40; i++)
        {
            await PublishAsync(i);
        }

        var during = Task.Run(async () =>
        {
            for (var i = 40; i < 80; i++)
            {
                _publisher.Publish(new CtiEvent(CtiEventTypes.AgentState, new JsonObject { ["index"] = i }));
                await Task.Yield();
            }

            return await PublishAsync(80);
        });
        using var resumed = await SseStream.OpenAsync(client, "/api/v1/events", lastSeen.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var finalSeq = (await during).Seq;

        var ids = new List<long>();
        while (ids.Count == 0 || ids[^1] < finalSeq)
        {
            ids.Add((await resumed.NextAsync()).Id!.Value);
        }

        Assert.Equal(Enumerable.Range((int)lastSeen + 1, (int)(finalSeq - lastSeen)).Select(i => (long)i), ids);
    }

    [Fact]
    public async Task Stream_SinceQuery_ReplaysStoredEvents()
    {
        var a = await PublishAsync(0);
        var b = await PublishAsync(1);
        using var client = _host.CreateClient();

        using var stream = await SseStream.OpenAsync(client, $"/api/v1/events?since={a.Seq - 1}");

        Assert.Equal(a.Seq, (await stream.NextAsync()).Id);
        Assert.Equal(b.Seq, (await stream.NextAsync()).Id);
    }

    [Fact]
    public async Task Stream_TypesFilter_OnlyThoseTypesReplayedAndLive()
    {
        await PublishAsync(0, CtiEventTypes.CallQueued);
        var ended1 = await PublishAsync(1, CtiEventTypes.CallEnded);
        using var client = _host.CreateClient();
        using var stream = await SseStream.OpenAsync(client, "/api/v1/events?since=0&types=call.ended,cdr.written");

        await PublishAsync(2, CtiEventTypes.AgentState);
        var written = await PublishAsync(3, CtiEventTypes.CdrWritten);

        var first = await stream.NextAsync();
        var second = await stream.NextAsync();
        Assert.Equal((ended1.Seq, "call.ended"), (first.Id!.Value, first.Type));
        Assert.Equal((written.Seq, "cdr.written"), (second.Id!.Value, second.Type));
    }

    [Fact]
    public async Task Stream_KeyWithoutExportRole_NumbersMasked()
    {
        using var client = _host.CreateClient(ViewerKey);
        using var stream = await SseStream.OpenAsync(client, "/api/v1/events");

        await PublishAsync(0);

        using var json = JsonDocument.Parse((await stream.NextAsync()).Data);
        Assert.Equal("+86138****5678", json.RootElement.GetProperty("data").GetProperty("from").GetString());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-3")]
    public async Task Stream_BadLastEventId_400ProblemDetails(string lastEventId)
    {
        using var client = _host.CreateClient();

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/events", UriKind.Relative));
        request.Headers.Add("Last-Event-ID", lastEventId);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.GetProperty("errors").TryGetProperty("Last-Event-ID", out _));
    }

    [Fact]
    public async Task Stream_NoKey_401()
    {
        using var client = _host.CreateClient(apiKey: null);

        using var response = await client.GetAsync(new Uri("/api/v1/events", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Stream_SlowClientOverflowsBuffer_DisconnectedAndCanResume()
    {
        using var client = _host.CreateClient();
        var broadcaster = _host.App.Services.GetRequiredService<Fanout<EventRecord>>();
        using var stream = await SseStream.OpenAsync(client, "/api/v1/events");
        await Eventually.AssertAsync(() => broadcaster.SubscriberCount == 1, TimeSpan.FromSeconds(10), "stream subscribed");

        // Far more than the 64-event buffer plus socket buffers, published without reading a byte.
        var big = new string('x', 4000);
        EventRecord last = null!;
        for (var i = 0; i < 3000 && broadcaster.SubscriberCount > 0; i++)
        {
            last = await _publisher.PublishAsync(new CtiEvent(CtiEventTypes.AgentState, new JsonObject { ["pad"] = big }));
        }

        Assert.Equal(0, broadcaster.SubscriberCount);
        var ids = new List<long>();
        try
        {
            while (true)
            {
                ids.Add((await stream.NextAsync()).Id!.Value);
            }
        }
        catch (EndOfStreamException)
        {
        }

        Assert.True(ids.Count > 0 && ids[^1] < last.Seq);
        using var resumed = await SseStream.OpenAsync(client, "/api/v1/events", ids[^1].ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ids[^1] + 1, (await resumed.NextAsync()).Id);
    }

    [Fact]
    public async Task History_Paging_NextAndHasMoreWalkEverything()
    {
        var seqs = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            seqs.Add((await PublishAsync(i)).Seq);
        }

        using var client = _host.CreateClient(ViewerKey);
        var got = new List<long>();
        var since = seqs[0] - 1;
        var more = true;
        while (more)
        {
            using var page = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/v1/events/history?since={since}&limit=2", UriKind.Relative)));
            var events = page.RootElement.GetProperty("events").EnumerateArray().ToArray();
            Assert.InRange(events.Length, 1, 2);
            got.AddRange(events.Select(e => long.Parse(e.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture)));
            Assert.All(events, e => Assert.Equal("+86138****5678", e.GetProperty("data").GetProperty("from").GetString()));
            since = page.RootElement.GetProperty("next").GetInt64();
            more = page.RootElement.GetProperty("hasMore").GetBoolean();
        }

        Assert.Equal(seqs, got);
    }

    [Fact]
    public async Task History_BadParameters_400ListingEach()
    {
        using var client = _host.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/v1/events/history?since=x&limit=0&types=nope", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["limit", "since", "types"], json.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Metrics_AfterPublishAndStream_Exported()
    {
        await PublishAsync(0, CtiEventTypes.CallEnded);
        using var client = _host.CreateClient(apiKey: null);

        var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Contains("cti_events_published_total{type=\"call.ended\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE cti_events_sse_clients gauge", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE cti_cdrs_written_total counter", metrics, StringComparison.Ordinal);
    }
}

public sealed class EventStreamShutdownTests
{
    [Fact]
    public async Task Stop_StreamConnected_HostStopsPromptlyAndStreamEnds()
    {
        var host = await TestHost.StartAsync();
        using var client = host.CreateClient();
        using var stream = await SseStream.OpenAsync(client, "/api/v1/events");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await host.DisposeAsync();

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.True(await stream.EndsAsync(TimeSpan.FromSeconds(5)));
    }
}
