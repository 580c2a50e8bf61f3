using Cti.Dialer.Campaigns;
using Cti.Dialer.Compliance;
using Cti.Dialer.Lists;
using Cti.Dialer.Numbers;
using Cti.Dialer.Pacing;
using Microsoft.Extensions.Time.Testing;

namespace Cti.Dialer.Tests.Campaigns;

public class CampaignEngineCoreTests
{
    private readonly FakeTimeProvider _time = new(TestData.Utc(2026, 3, 2, 3)); // Monday 11:00 in Beijing
    private readonly InMemoryDncStore _dnc = new();
    private readonly InMemoryAttemptHistory _history = new();

    private CampaignEngineCore Engine(Func<CampaignConfig, CampaignConfig>? change = null, params Lead[] leads)
    {
        var engine = new CampaignEngineCore(
            TestData.Campaign(change),
            ComplianceChecker.CreateDefault(_dnc, _history, new NumberTimeZoneResolver()),
            _dnc,
            _history,
            _time);
        engine.AddLeads(leads.Length > 0 ? leads : [TestData.Lead("13812345678", "a"), TestData.Lead("13912345678", "b"), TestData.Lead("13712345678", "c")]);
        return engine;
    }

    private static AgentAvailability Free(params string[] agents) => new(Math.Max(agents.Length, 1), agents, []);

    [Fact]
    public void Tick_NotStarted_DialsNothing() =>
        Assert.Empty(Engine().UpdateAgents(Free("ag1", "ag2")));

    [Fact]
    public void Tick_NoAgentLoggedIn_DialsNothing()
    {
        var engine = Engine();
        engine.Start();
        Assert.Empty(engine.UpdateAgents(AgentAvailability.None));
    }

    [Fact]
    public void Tick_Progressive_OneCallPerFreeAgentWithRequestFields()
    {
        var engine = Engine();
        engine.Start();

        var requests = engine.UpdateAgents(Free("ag1", "ag2"));

        Assert.Equal(2, requests.Count);
        var first = requests[0];
        Assert.Equal("+8613812345678", first.Number);
        Assert.Equal("+86138****5678", first.MaskedNumber);
        Assert.Equal("+861012345678", first.CallerId);
        Assert.Equal("trunk-a", first.LineGroup);
        Assert.Equal("trunk-b", requests[1].LineGroup);
        Assert.Equal(TimeSpan.FromSeconds(25), first.RingTimeout);
        Assert.Equal(1, first.Attempt);
        Assert.Empty(engine.Tick()); // both calls still outstanding
    }

    [Fact]
    public void Tick_Priority_HighestFirstThenImportOrder()
    {
        var engine = Engine(null, TestData.Lead("13812345678", "low", 1), TestData.Lead("13912345678", "high", 9), TestData.Lead("13712345678", "mid", 5), TestData.Lead("13612345678", "mid2", 5));
        engine.Start();
        Assert.Equal(["high", "mid", "mid2", "low"], engine.UpdateAgents(Free("1", "2", "3", "4")).Select(r => r.LeadId));
    }

    [Fact]
    public void Pause_ThenTick_DialsNothingUntilResumed()
    {
        var engine = Engine();
        engine.Start();
        engine.Pause();
        Assert.Empty(engine.UpdateAgents(Free("ag1")));
        engine.Start();
        Assert.Single(engine.Tick());
    }

    [Fact]
    public void ReportOutcome_Busy_RetriedAfterScheduleDelay()
    {
        var engine = Engine(null, TestData.Lead("13812345678", "a"));
        engine.Start();
        var call = engine.UpdateAgents(Free("ag1")).Single();

        engine.ReportOutcome(new CallOutcomeReport(call.CallId, CallOutcome.Busy, TimeSpan.FromSeconds(3)));
        Assert.Empty(engine.Tick());
        _time.Advance(TimeSpan.FromMinutes(9));
        Assert.Empty(engine.Tick());
        _time.Advance(TimeSpan.FromMinutes(1));
        var retry = engine.Tick().Single();
        Assert.Equal(2, retry.Attempt);
        Assert.Equal(LeadStatus.Dialing, engine.GetLead("a")!.Status);
    }

    [Fact]
    public void ReportOutcome_MaxAttemptsReached_LeadExhausted()
    {
        var engine = Engine(c => c with { MaxAttemptsPerLead = 2 }, TestData.Lead("13812345678", "a"));
        engine.Start();
        engine.UpdateAgents(Free("ag1"));
        engine.ReportOutcome(new CallOutcomeReport("renewals-1", CallOutcome.NoAnswer, TimeSpan.FromSeconds(25)));
        _time.Advance(TimeSpan.FromHours(2));
        var second = engine.Tick().Single();
        engine.ReportOutcome(new CallOutcomeReport(second.CallId, CallOutcome.NoAnswer, TimeSpan.FromSeconds(25)));
        Assert.Equal(LeadStatus.Exhausted, engine.GetLead("a")!.Status);
        _time.Advance(TimeSpan.FromDays(1));
        Assert.Empty(engine.Tick());
    }

    [Fact]
    public void ReportOutcome_Invalid_NeverRedialledEvenFromAnotherLead()
    {
        var engine = Engine(null, TestData.Lead("13812345678", "a"));
        engine.Start();
        var call = engine.UpdateAgents(Free("ag1")).Single();
        engine.ReportOutcome(new CallOutcomeReport(call.CallId, CallOutcome.Invalid, TimeSpan.FromSeconds(1), 404));

        Assert.Equal(LeadStatus.Invalid, engine.GetLead("a")!.Status);
        Assert.True(_history.IsInvalid("+8613812345678"));
        engine.AddLeads([TestData.Lead("13812345678", "again")]);
        Assert.Empty(engine.Tick());
        Assert.Equal(LeadStatus.Invalid, engine.GetLead("again")!.Status);
        Assert.Equal(1, engine.ComplianceBlocks[CompliancePolicies.InvalidNumber]);
        Assert.Equal(1, engine.ListStatistics.ForList("L1").Invalid);
    }

    [Fact]
    public void ReportOutcome_Abandoned_CountedAndBlockedFor72Hours()
    {
        var engine = Engine(c => c with { MaxAttemptsPerNumberPerDay = 10 }, TestData.Lead("13812345678", "a"));
        engine.Start();
        var call = engine.UpdateAgents(Free("ag1")).Single();
        engine.ReportOutcome(new CallOutcomeReport(call.CallId, CallOutcome.Abandoned, TimeSpan.FromSeconds(6)));

        var stats = engine.GetStatistics();
        Assert.Equal(1, stats.Abandoned);
        Assert.Equal(1, stats.LiveAnswered);
        Assert.Equal(1.0, stats.AbandonRateUsTsr30Days);

        _time.Advance(TimeSpan.FromHours(71));
        Assert.Empty(engine.Tick());
        _time.Advance(TimeSpan.FromHours(1));
        Assert.Single(engine.Tick());
    }

    [Fact]
    public void ReportDisposition_DoNotCall_AddsNumberForGood()
    {
        var engine = Engine(null, TestData.Lead("13812345678", "a"));
        engine.Start();
        var call = engine.UpdateAgents(Free("ag1")).Single();
        engine.ReportOutcome(new CallOutcomeReport(call.CallId, CallOutcome.AnsweredLive, TimeSpan.FromSeconds(6)));
        engine.ReportDisposition(new AgentDisposition(call.CallId, "ag1", DispositionKind.DoNotCall, TimeSpan.FromSeconds(40)));

        Assert.True(_dnc.Contains("+8613812345678"));
        Assert.Equal(LeadStatus.DoNotCall, engine.GetLead("a")!.Status);
        engine.AddLeads([TestData.Lead("13812345678", "reimported")]);
        Assert.Empty(engine.Tick());
        Assert.Equal(1, engine.ComplianceBlocks[CompliancePolicies.DoNotCall]);
    }

    [Fact]
    public void ReportDisposition_Success_UpdatesListStatistics()
    {
        var engine = Engine(null, TestData.Lead("13812345678", "a"), TestData.Lead("13912345678", "b"));
        engine.Start();
        var calls = engine.UpdateAgents(Free("ag1", "ag2"));
        engine.ReportOutcome(new CallOutcomeReport(calls[0].CallId, CallOutcome.AnsweredLive, TimeSpan.FromSeconds(6)));
        engine.ReportOutcome(new CallOutcomeReport(calls[1].CallId, CallOutcome.Busy, TimeSpan.FromSeconds(2)));
        engine.ReportDisposition(new AgentDisposition(calls[0].CallId, "ag1", DispositionKind.Success, TimeSpan.FromSeconds(200)));

        var stats = engine.ListStatistics.ForList("L1");
        Assert.Equal(new ListStatistics(2, 0, 1, 1), stats);
        Assert.Equal(0.5, stats.NetSuccessRate);
        Assert.Equal(LeadStatus.Success, engine.GetLead("a")!.Status);
    }

    [Fact]
    public void ReportDisposition_Callback_ReturnsToSameAgentWhenDue()
    {
        var engine = Engine(c => c with { MaxAttemptsPerNumberPerDay = 10 }, TestData.Lead("13812345678", "a"), TestData.Lead("13912345678", "b"));
        engine.Start();
        var call = engine.UpdateAgents(Free("ag1")).Single();
        engine.ReportOutcome(new CallOutcomeReport(call.CallId, CallOutcome.AnsweredLive, TimeSpan.FromSeconds(6)));
        engine.ReportDisposition(new AgentDisposition(call.CallId, "ag7", DispositionKind.Callback, TimeSpan.FromSeconds(90), _time.GetUtcNow().AddHours(1)));
        Assert.Equal(LeadStatus.Callback, engine.GetLead("a")!.Status);

        _time.Advance(TimeSpan.FromHours(1));
        // Only another agent is free: the callback waits, the other lead is dialled.
        var other = engine.UpdateAgents(Free("ag2")).Single();
        Assert.Equal("b", other.LeadId);

        var callback = engine.UpdateAgents(new AgentAvailability(2, ["ag7"], [])).Single();
        Assert.Equal("a", callback.LeadId);
        Assert.Equal("ag7", callback.AgentId);
    }

    [Fact]
    public void Tick_OutsideWindow_LeadWaitsAndBlockIsCounted()
    {
        _time.SetUtcNow(TestData.Utc(2026, 3, 2, 13)); // 21:00 Beijing
        var engine = Engine(null, TestData.Lead("13812345678", "a"));
        engine.Start();

        Assert.Empty(engine.UpdateAgents(Free("ag1")));
        Assert.Equal(1, engine.ComplianceBlocks[CompliancePolicies.CallingWindow]);
        Assert.Equal(LeadStatus.Pending, engine.GetLead("a")!.Status);

        _time.SetUtcNow(TestData.Utc(2026, 3, 3, 1, 5)); // 09:05 next day
        Assert.Single(engine.Tick());
    }

    [Fact]
    public void Tick_PreviewMode_AssignsLeadToFreeAgent()
    {
        var engine = Engine(c => c with { Mode = CampaignMode.Preview });
        engine.Start();
        var requests = engine.UpdateAgents(Free("ag1", "ag2"));
        Assert.All(requests, r => Assert.True(r.Preview));
        Assert.Equal(["ag1", "ag2"], requests.Select(r => r.AgentId));
    }

    [Fact]
    public void Tick_RingTimeoutBelowMinimum_Rejected()
    {
        Assert.Throws<ArgumentException>(() => Engine(c => c with { RingTimeout = TimeSpan.FromSeconds(10) }));
    }

    [Fact]
    public void Validator_BadCampaign_ReportsEveryError()
    {
        var errors = CampaignConfigValidator.Validate(new CampaignConfig
        {
            CampaignId = "",
            CallerId = "",
            PacerName = "turbo",
            TimeZoneOverride = "Mars/Olympus",
            MaxAttemptsPerLead = 0,
            RingTimeout = TimeSpan.FromSeconds(5),
            AbandonRateCap = 0.1,
        });
        Assert.True(errors.Count >= 8, string.Join("; ", errors));
        Assert.Contains(errors, e => e.Contains("pacer", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Mars/Olympus", StringComparison.Ordinal));
        Assert.Empty(CampaignConfigValidator.Validate(TestData.Campaign()));
    }

    [Theory]
    [InlineData(0.0, 0.03, false)]
    [InlineData(-0.01, 0.03, false)]
    [InlineData(0.031, 0.03, false)]
    [InlineData(0.02, 0.015, false)]
    [InlineData(double.NaN, 0.03, false)]
    [InlineData(0.025, 0.03, true)]
    [InlineData(0.03, 0.03, true)]
    public void Validator_AbandonTarget_AboveZeroAndAtMostCap(double target, double cap, bool valid)
    {
        var errors = CampaignConfigValidator.Validate(TestData.Campaign() with { AbandonTarget = target, AbandonRateCap = cap });
        Assert.Equal(valid, !errors.Any(e => e.Contains("AbandonTarget", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(AbandonFormula.UsTsr, 1)]
    [InlineData(AbandonFormula.UkOfcom, 0)]
    public void Tick_PacerSeesTargetAndCountsOverTheFormulasWindow(AbandonFormula formula, long abandonedSeen)
    {
        var pacer = new CapturingPacer();
        var engine = new CampaignEngineCore(
            TestData.Campaign(c => c with { AbandonTarget = 0.02, AbandonFormula = formula }),
            ComplianceChecker.CreateDefault(_dnc, _history, new NumberTimeZoneResolver()),
            _dnc,
            _history,
            _time,
            pacer);
        engine.AddLeads([TestData.Lead("13812345678", "a")]);
        engine.Start();
        pacer.Calls = 1;
        var call = Assert.Single(engine.UpdateAgents(Free("ag1")));
        engine.ReportOutcome(new CallOutcomeReport(call.CallId, CallOutcome.Abandoned, TimeSpan.FromSeconds(6)));

        // A day and an hour later the abandon is outside Ofcom's 24 hours but inside the TSR's 30 days.
        _time.Advance(TimeSpan.FromHours(25));
        pacer.Calls = 0;
        engine.Tick();
        Assert.NotNull(pacer.Last);
        Assert.Equal(0.02, pacer.Last.AbandonTarget);
        Assert.Equal(abandonedSeen, pacer.Last.Abandoned);
        Assert.Equal(abandonedSeen, pacer.Last.LiveAnswered);
    }

    private sealed class CapturingPacer : IPacer
    {
        public int Calls { get; set; }

        public PacingSnapshot? Last { get; private set; }

        public string Name => "capturing";

        public int CallsToPlace(PacingSnapshot snapshot)
        {
            Last = snapshot;
            return Calls;
        }
    }
}
