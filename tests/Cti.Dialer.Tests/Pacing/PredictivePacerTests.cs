using Cti.Dialer.Pacing;

namespace Cti.Dialer.Tests.Pacing;

public class PredictivePacerTests
{
    /// <summary>20 % live answers after 5–10 s, others resolve at 20 s; every service takes 100 s.</summary>
    private static CallHistoryModel WarmHistory()
    {
        var history = new CallHistoryModel();
        for (var i = 0; i < 500; i++)
        {
            var live = i % 5 == 0;
            history.RecordCallResolved(TimeSpan.FromSeconds(live ? 5 + (i % 10 / 2.0) : 20), live);
        }

        for (var i = 0; i < 200; i++)
        {
            history.RecordService(TimeSpan.FromSeconds(100));
        }

        return history;
    }

    private static PacingSnapshot Snapshot(CallHistoryModel? history, int loggedIn, int free, IReadOnlyList<TimeSpan> busy, int dialing = 0, long live = 1000, long abandoned = 0) => new()
    {
        Now = TimeSpan.FromMinutes(30),
        LoggedInAgents = loggedIn,
        FreeAgents = free,
        BusyAgentElapsed = busy,
        DialingCallAges = Enumerable.Repeat(TimeSpan.FromSeconds(1), dialing).ToList(),
        LiveAnswered = live,
        Abandoned = abandoned,
        History = history,
    };

    [Fact]
    public void History_ConditionalProbabilities_FollowData()
    {
        var history = WarmHistory();
        Assert.Equal(0.2, history.LiveAnswerProbability, 3);
        Assert.Equal(0.2, history.LiveAnswerWithin(TimeSpan.Zero, TimeSpan.FromSeconds(15)), 2);
        Assert.Equal(0, history.LiveAnswerWithin(TimeSpan.FromSeconds(12), TimeSpan.FromSeconds(5)), 3);
        Assert.Equal(1, history.ServiceEndsWithin(TimeSpan.FromSeconds(95), TimeSpan.FromSeconds(10)), 3);
        Assert.Equal(0, history.ServiceEndsWithin(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10)), 3);
    }

    [Fact]
    public void CallsToPlace_ColdHistory_BehavesProgressive()
    {
        var pacer = new PredictivePacer();
        Assert.Equal(4, pacer.CallsToPlace(Snapshot(null, 10, 5, [], dialing: 1)));
        Assert.Equal(4, pacer.CallsToPlace(Snapshot(new CallHistoryModel(), 10, 5, [], dialing: 1)));
    }

    [Fact]
    public void CallsToPlace_NoAgentLoggedIn_PlacesNothing() =>
        Assert.Equal(0, new PredictivePacer().CallsToPlace(Snapshot(WarmHistory(), 0, 0, [])));

    [Fact]
    public void CallsToPlace_FreeAgentsAndLowLiveRate_DialsMoreThanFreeAgents()
    {
        var calls = new PredictivePacer { MaxCallsPerDecisionPerAgent = 10 }.CallsToPlace(Snapshot(WarmHistory(), 10, 5, Enumerable.Repeat(TimeSpan.FromSeconds(10), 5).ToList()));
        Assert.True(calls > 5, $"placed {calls}");
        Assert.True(calls < 60, $"placed {calls}");
    }

    [Fact]
    public void CallsToPlace_AgentsAboutToFree_DialsAheadOfThem()
    {
        var pacer = new PredictivePacer { MaxCallsPerDecisionPerAgent = 10 };
        var early = pacer.CallsToPlace(Snapshot(WarmHistory(), 10, 0, Enumerable.Repeat(TimeSpan.FromSeconds(10), 10).ToList()));
        var late = pacer.CallsToPlace(Snapshot(WarmHistory(), 10, 0, Enumerable.Repeat(TimeSpan.FromSeconds(97), 10).ToList()));
        Assert.Equal(0, early);
        Assert.True(late > 10, $"placed {late}");
    }

    [Fact]
    public void CallsToPlace_MoreCallsRinging_PlacesFewer()
    {
        var pacer = new PredictivePacer { MaxCallsPerDecisionPerAgent = 10 };
        var busy = Enumerable.Repeat(TimeSpan.FromSeconds(10), 5).ToList();
        var none = pacer.CallsToPlace(Snapshot(WarmHistory(), 10, 5, busy));
        var some = pacer.CallsToPlace(Snapshot(WarmHistory(), 10, 5, busy, dialing: 10));
        Assert.True(some < none, $"{some} vs {none}");
    }

    [Fact]
    public void CallsToPlace_LargeBatch_SpreadOverDecisions()
    {
        var busy = Enumerable.Repeat(TimeSpan.FromSeconds(10), 5).ToList();
        var limited = new PredictivePacer { MaxCallsPerDecisionPerAgent = 0.4 }.CallsToPlace(Snapshot(WarmHistory(), 10, 5, busy));
        var unlimited = new PredictivePacer { MaxCallsPerDecisionPerAgent = 10 }.CallsToPlace(Snapshot(WarmHistory(), 10, 5, busy));
        Assert.Equal(5, limited); // the progressive floor (5 free agents) still applies
        Assert.True(unlimited > limited);
    }

    [Fact]
    public void CallsToPlace_StrictMarginalRule_PlacesFewer()
    {
        var busy = Enumerable.Repeat(TimeSpan.FromSeconds(10), 5).ToList();
        var strict = new PredictivePacer { MaxCallsPerDecisionPerAgent = 10, MaxMarginalAbandon = 0.01 }.CallsToPlace(Snapshot(WarmHistory(), 10, 5, busy));
        var loose = new PredictivePacer { MaxCallsPerDecisionPerAgent = 10, MaxMarginalAbandon = 0.5 }.CallsToPlace(Snapshot(WarmHistory(), 10, 5, busy));
        Assert.True(strict < loose, $"{strict} vs {loose}");
    }

    [Fact]
    public void CallsToPlace_HigherAbandonPrice_PlacesFewer()
    {
        var busy = Enumerable.Repeat(TimeSpan.FromSeconds(10), 5).ToList();
        var cheap = new PredictivePacer { MaxCallsPerDecisionPerAgent = 10, MaxAbandonsPerIdleSecond = 0.002 }.CallsToPlace(Snapshot(WarmHistory(), 10, 5, busy));
        var dear = new PredictivePacer { MaxCallsPerDecisionPerAgent = 10, MaxAbandonsPerIdleSecond = 0.2 }.CallsToPlace(Snapshot(WarmHistory(), 10, 5, busy));
        Assert.True(cheap < dear, $"{cheap} vs {dear}");
    }

    [Fact]
    public void CallsToPlace_NearStopLine_PlacesFewerThanWithHeadroom()
    {
        var busy = Enumerable.Repeat(TimeSpan.FromSeconds(10), 5).ToList();
        var ample = new PredictivePacer { MaxCallsPerDecisionPerAgent = 10 }.CallsToPlace(Snapshot(WarmHistory(), 10, 5, busy, live: 1000, abandoned: 0));
        var tight = new PredictivePacer { MaxCallsPerDecisionPerAgent = 10 }.CallsToPlace(Snapshot(WarmHistory(), 10, 5, busy, live: 1000, abandoned: 28));
        Assert.True(tight < ample, $"{tight} vs {ample}");
        Assert.True(tight >= 5, $"{tight}"); // never below the progressive floor
    }

    [Fact]
    public void CallsToPlace_AtStopLine_OnlyProgressive()
    {
        var pacer = new PredictivePacer { MaxCallsPerDecisionPerAgent = 10 };
        Assert.Equal(5, pacer.CallsToPlace(Snapshot(WarmHistory(), 10, 5, Enumerable.Repeat(TimeSpan.FromSeconds(10), 5).ToList(), live: 1000, abandoned: 30)));
        Assert.True(pacer.Allowance.HardStop);
    }

    [Fact]
    public void CallsToPlace_UnderTarget_DialsMoreThanOverTarget()
    {
        var busy = Enumerable.Repeat(TimeSpan.FromSeconds(10), 5).ToList();
        var under = new PredictivePacer { MaxCallsPerDecisionPerAgent = 10 }.CallsToPlace(Snapshot(WarmHistory(), 10, 5, busy, live: 1000, abandoned: 0));
        var over = new PredictivePacer { MaxCallsPerDecisionPerAgent = 10 }.CallsToPlace(Snapshot(WarmHistory(), 10, 5, busy, live: 1000, abandoned: 27));
        Assert.True(under > over, $"{under} vs {over}");
    }

    [Fact]
    public void CallsToPlace_HigherTarget_DialsMore()
    {
        var busy = Enumerable.Repeat(TimeSpan.FromSeconds(10), 5).ToList();
        var low = new PredictivePacer { MaxCallsPerDecisionPerAgent = 10 }.CallsToPlace(Snapshot(WarmHistory(), 10, 5, busy, live: 1000, abandoned: 20) with { AbandonTarget = 0.01 });
        var high = new PredictivePacer { MaxCallsPerDecisionPerAgent = 10 }.CallsToPlace(Snapshot(WarmHistory(), 10, 5, busy, live: 1000, abandoned: 20) with { AbandonTarget = 0.03 });
        Assert.True(high > low, $"{high} vs {low}");
    }
}
