using System.Text.Json.Nodes;
using Cti.Events;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cti.Host.Tests.Events;

public sealed class EventRetentionSweeperTests
{
    [Fact]
    public async Task SweepOnce_EventsOlderThanRetention_DeletedNewestAlwaysKept()
    {
        await using var rig = await EventLogRig.StartAsync();
        var now = rig.Time.GetUtcNow();
        foreach (var age in new[] { 10, 8, 6, 1 })
        {
            await rig.Writer.PublishAsync(new CtiEvent(CtiEventTypes.AgentState, new JsonObject { ["age"] = age }) { At = now.AddDays(-age) });
        }

        var sweeper = new EventRetentionSweeper(rig.Store, Microsoft.Extensions.Options.Options.Create(new EventsOptions { RetentionDays = 7 }), rig.Time, NullLogger<EventRetentionSweeper>.Instance);

        Assert.Equal(2, sweeper.SweepOnce());
        Assert.Equal([3L, 4L], rig.Store.ReadAfter(0, 10).Select(r => r.Seq));

        rig.Time.Advance(TimeSpan.FromDays(30));
        Assert.Equal(1, sweeper.SweepOnce());
        Assert.Equal([4L], rig.Store.ReadAfter(0, 10).Select(r => r.Seq));
        Assert.Equal(5, (await rig.Writer.PublishAsync(new CtiEvent(CtiEventTypes.AgentState))).Seq);
    }

    [Fact]
    public async Task ExecuteAsync_TimerTicks_SweepsEachInterval()
    {
        await using var rig = await EventLogRig.StartAsync();
        var now = rig.Time.GetUtcNow();
        await rig.Writer.PublishAsync(new CtiEvent(CtiEventTypes.AgentState) { At = now.AddDays(-9) });
        await rig.Writer.PublishAsync(new CtiEvent(CtiEventTypes.AgentState) { At = now });
        using var sweeper = new EventRetentionSweeper(
            rig.Store,
            Microsoft.Extensions.Options.Options.Create(new EventsOptions { RetentionDays = 7, SweepInterval = TimeSpan.FromHours(1) }),
            rig.Time,
            NullLogger<EventRetentionSweeper>.Instance);

        await sweeper.StartAsync(CancellationToken.None);
        await Eventually.AssertAsync(() => rig.Store.ReadAfter(0, 10).Count == 1, TimeSpan.FromSeconds(10), "sweep at start");
        await rig.Writer.PublishAsync(new CtiEvent(CtiEventTypes.AgentState) { At = now });
        rig.Time.Advance(TimeSpan.FromDays(8));
        await Eventually.AssertAsync(() => rig.Store.ReadAfter(0, 10).Count == 1, TimeSpan.FromSeconds(10), "second sweep");
        await sweeper.StopAsync(CancellationToken.None);

        Assert.Equal(3, Assert.Single(rig.Store.ReadAfter(0, 10)).Seq);
    }
}
