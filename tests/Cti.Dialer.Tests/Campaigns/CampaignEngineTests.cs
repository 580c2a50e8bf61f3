using Cti.Dialer.Campaigns;
using Cti.Dialer.Compliance;
using Cti.Dialer.Numbers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cti.Dialer.Tests.Campaigns;

public class CampaignEngineTests
{
    [Fact]
    public async Task RunAsync_CommandsAndTimerTicks_ProduceDialRequestsInOrder()
    {
        var time = new FakeTimeProvider(TestData.Utc(2026, 3, 2, 3));
        var dnc = new InMemoryDncStore();
        var history = new InMemoryAttemptHistory();
        var core = new CampaignEngineCore(TestData.Campaign(), ComplianceChecker.CreateDefault(dnc, history, new NumberTimeZoneResolver()), dnc, history, time);
        core.AddLeads([TestData.Lead("13812345678", "a"), TestData.Lead("13912345678", "b")]);
        await using var engine = new CampaignEngine(core, time, NullLogger<CampaignEngine>.Instance);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var loop = engine.RunAsync(cts.Token);

        engine.Post(new CampaignCommand.AgentsChanged(new AgentAvailability(1, ["ag1"], [])));
        engine.Post(new CampaignCommand.Start());
        var first = await engine.DialRequests.ReadAsync(cts.Token);
        Assert.Equal("a", first.LeadId);

        engine.Post(new CampaignCommand.Outcome(new CallOutcomeReport(first.CallId, CallOutcome.Busy, TimeSpan.FromSeconds(2))));
        time.Advance(engine.TickInterval); // the timer posts a tick
        var second = await engine.DialRequests.ReadAsync(cts.Token);
        Assert.Equal("b", second.LeadId);

        engine.Complete();
        await loop;
        Assert.Equal(2, core.GetStatistics().Dialled);
    }
}
