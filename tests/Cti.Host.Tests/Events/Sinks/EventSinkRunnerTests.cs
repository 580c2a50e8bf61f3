using System.Text.Json.Nodes;
using Cti.Events;
using Cti.Events.Sinks;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cti.Host.Tests.Events.Sinks;

public sealed class EventSinkRunnerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Run_FromCheckpoint_CatchesUpFromTheStoreThenFollowsLiveInOrder()
    {
        await using var rig = await EventLogRig.StartAsync();
        for (var i = 0; i < 300; i++)
        {
            await rig.Writer.PublishAsync(Event(i));
        }

        var sink = new RecordingSink(checkpoint: 10);
        using var runner = new EventSinkRunner(sink, rig.Store, rig.Broadcaster, new EventSinkMetrics(Prometheus.Metrics.WithCustomRegistry(Prometheus.Metrics.NewCustomRegistry())), rig.Time, NullLogger<EventSinkRunner>.Instance);
        await runner.StartAsync(CancellationToken.None);
        for (var i = 300; i < 350; i++)
        {
            await rig.Writer.PublishAsync(Event(i));
        }

        await sink.WaitForAsync(340, Wait);
        await runner.StopAsync(CancellationToken.None);

        Assert.Equal(Enumerable.Range(11, 340).Select(i => (long)i), sink.Seqs);
    }

    [Fact]
    public async Task Run_DeliveryFails_SameBatchOfferedAgainAfterBackOffNothingSkipped()
    {
        await using var rig = await EventLogRig.StartAsync();
        var sink = new RecordingSink(checkpoint: 0) { FailuresLeft = 2 };
        using var runner = new EventSinkRunner(sink, rig.Store, rig.Broadcaster, new EventSinkMetrics(Prometheus.Metrics.WithCustomRegistry(Prometheus.Metrics.NewCustomRegistry())), rig.Time, NullLogger<EventSinkRunner>.Instance);
        await runner.StartAsync(CancellationToken.None);

        await rig.Writer.PublishAsync(Event(1));
        await sink.WaitForAttemptsAsync(1, Wait);

        // Back-offs run on the fake clock: move it on until the third attempt lands (bounded).
        for (var step = 0; step < 100 && sink.Seqs.Count == 0; step++)
        {
            rig.Time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(10);
        }

        await sink.WaitForAsync(1, Wait);
        await runner.StopAsync(CancellationToken.None);

        Assert.Equal([1L], sink.Seqs);
        Assert.Equal(3, sink.Attempts);
    }

    private static CtiEvent Event(int n) => new(CtiEventTypes.AgentState, new JsonObject { ["n"] = n }) { AgentId = "1001" };

    private sealed class RecordingSink(long checkpoint) : IEventSink
    {
        private readonly Lock _gate = new();
        private readonly List<long> _seqs = [];
        private int _attempts;

        public int FailuresLeft { get; set; }

        public string Name => "recording";

        public List<long> Seqs
        {
            get
            {
                lock (_gate)
                {
                    return [.. _seqs];
                }
            }
        }

        public int Attempts => Volatile.Read(ref _attempts);

        public ValueTask<long> GetCheckpointAsync(long logEnd, CancellationToken cancellationToken) => ValueTask.FromResult(checkpoint);

        public ValueTask DeliverAsync(IReadOnlyList<EventRecord> batch, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _attempts);
            if (FailuresLeft > 0)
            {
                FailuresLeft--;
                throw new IOException("consumer unreachable");
            }

            lock (_gate)
            {
                _seqs.AddRange(batch.Select(r => r.Seq));
            }

            return ValueTask.CompletedTask;
        }

        public async Task WaitForAsync(int count, TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            while (Seqs.Count < count)
            {
                await Task.Delay(10, cts.Token);
            }
        }

        public async Task WaitForAttemptsAsync(int count, TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            while (Attempts < count)
            {
                await Task.Delay(10, cts.Token);
            }
        }
    }
}
