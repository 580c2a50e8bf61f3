using System.IO.Pipelines;
using Cti.Events;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cti.Host.Tests.Events;

public sealed class EventStreamerTests
{
    [Fact]
    public async Task StreamAsync_IdleForHeartbeatInterval_SendsCommentLine()
    {
        await using var rig = await EventLogRig.StartAsync();
        var streamer = new EventStreamer(
            rig.Broadcaster,
            rig.Store,
            rig.Metrics,
            Microsoft.Extensions.Options.Options.Create(new EventsOptions { HeartbeatInterval = TimeSpan.FromSeconds(15) }),
            rig.Time,
            NullLogger<EventStreamer>.Instance);
        var pipe = new Pipe();
        using var aborted = new CancellationTokenSource();
        var context = new DefaultHttpContext { RequestAborted = aborted.Token };
        context.Response.Body = pipe.Writer.AsStream();
        using var body = new StreamReader(pipe.Reader.AsStream());

        var streaming = streamer.StreamAsync(context);
        var line = body.ReadLineAsync();
        rig.Time.Advance(TimeSpan.FromSeconds(14));
        var early = await Task.WhenAny(line, Task.Delay(200)) == line;
        for (var i = 0; i < 100 && !line.IsCompleted; i++)
        {
            rig.Time.Advance(TimeSpan.FromSeconds(15));
            await Task.WhenAny(line, Task.Delay(50));
        }

        Assert.False(early);
        Assert.Equal(": heartbeat", await line);
        Assert.Equal(1, rig.Metrics.SseClients.Value);
        await aborted.CancelAsync();
        await streaming.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, rig.Metrics.SseClients.Value);
        Assert.Equal(0, rig.Broadcaster.SubscriberCount);
    }
}
