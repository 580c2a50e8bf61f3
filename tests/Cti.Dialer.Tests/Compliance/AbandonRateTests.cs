using Cti.Dialer.Compliance;

namespace Cti.Dialer.Tests.Compliance;

public class AbandonRateTests
{
    [Fact]
    public void UsTsr_HandComputed() => Assert.Equal(0.03, AbandonRateFormulas.UsTsr(abandoned: 12, liveAnswered: 400), 10);

    [Fact]
    public void UsTsr_NoLiveAnswers_IsZero() => Assert.Equal(0, AbandonRateFormulas.UsTsr(0, 0));

    [Fact]
    public void UkOfcom_AddsEstimatedFalsePositivesToBothSides()
    {
        // 10 abandoned, 400 live; AMD classified 500 calls as machines with a 2 % false-positive rate → 10 false positives.
        // (10 + 10) ÷ (400 + 10) = 0.048780...
        Assert.Equal(20.0 / 410.0, AbandonRateFormulas.UkOfcom(10, 400, 500, 0.02), 10);
        Assert.Equal(10.0 / 400.0, AbandonRateFormulas.UkOfcom(10, 400, 500, 0), 10);
    }

    [Fact]
    public void Tracker_WindowsOf24HoursAnd30Days_CountSeparately()
    {
        var tracker = new AbandonRateTracker(amdFalsePositiveRate: 0.1);
        var start = TestData.Utc(2026, 3, 1, 0);

        // Two days ago: 100 live, 5 of them abandoned.
        for (var i = 0; i < 95; i++)
        {
            tracker.RecordLiveAnswered(start);
        }

        for (var i = 0; i < 5; i++)
        {
            tracker.RecordAbandoned(start);
        }

        // Today: 50 live, 1 abandoned, 20 machine classifications (2 false positives estimated).
        var today = start.AddDays(2);
        for (var i = 0; i < 49; i++)
        {
            tracker.RecordLiveAnswered(today);
        }

        tracker.RecordAbandoned(today);
        for (var i = 0; i < 20; i++)
        {
            tracker.RecordMachineClassified(today);
        }

        var now = today.AddHours(1);
        Assert.Equal(6.0 / 150.0, tracker.UsTsrRate30Days(now), 10);
        Assert.Equal(1.0 / 50.0, tracker.UsTsrRate24Hours(now), 10);
        Assert.Equal(3.0 / 52.0, tracker.OfcomRate24Hours(now), 10);

        // Forty days later everything has aged out.
        Assert.Equal(0, tracker.UsTsrRate30Days(today.AddDays(40)));
    }

    [Fact]
    public void AbandonRule_Decisions_FollowTwoSecondRule()
    {
        var campaign = TestData.Campaign();
        Assert.Equal(AbandonDecision.ConnectToAgent, AbandonRule.Decide(campaign, TimeSpan.FromSeconds(1.5), agentAvailable: true));
        Assert.Equal(AbandonDecision.KeepWaiting, AbandonRule.Decide(campaign, TimeSpan.FromSeconds(1.5), agentAvailable: false));
        Assert.Equal(AbandonDecision.PlayMessageAndHangUp, AbandonRule.Decide(campaign, TimeSpan.FromSeconds(2), agentAvailable: false));
        Assert.Equal(AbandonDecision.PlayMessageAndHangUp, AbandonRule.Decide(campaign, TimeSpan.FromSeconds(2.5), agentAvailable: true));
    }

    [Fact]
    public void AbandonRule_Message_NamesCaller()
    {
        var campaign = TestData.Campaign(c => c with { CompanyName = "平安车险", CallbackNumber = "95511", AbandonMessageTemplate = "您好，这是{company}的来电，请回拨{callback}。" });
        Assert.Equal("您好，这是平安车险的来电，请回拨95511。", AbandonRule.Message(campaign));
    }
}
