using Cti.Dialer.Campaigns;
using Cti.Dialer.Compliance;
using Cti.Dialer.Numbers;
using Cti.Numbers;
using NodaTime;

namespace Cti.Dialer.Tests.Compliance;

public class CompliancePolicyTests
{
    private static readonly CalleeClock Clock = new(new NumberTimeZoneResolver());
    private readonly InMemoryAttemptHistory _history = new();
    private readonly InMemoryDncStore _dnc = new();

    private static DialContext Context(string number, DateTimeOffset now, CampaignConfig? campaign = null, int attempts = 0, TimeSpan? ring = null) =>
        new(TestData.Lead(number), campaign ?? TestData.Campaign(), now, ring ?? TimeSpan.FromSeconds(25), attempts);

    [Fact]
    public void DoNotCall_ListedNumber_BlocksPermanently()
    {
        _dnc.Add("+8613812345678", "internal");
        var policy = new DoNotCallPolicy(_dnc);

        var blocked = policy.Check(Context("13812345678", TestData.Utc(2026, 3, 2, 3)));
        var other = policy.Check(Context("13912345678", TestData.Utc(2026, 3, 2, 3)));

        Assert.False(blocked.Allowed);
        Assert.True(blocked.Permanent);
        Assert.True(other.Allowed);
    }

    [Fact]
    public void DncImport_ValidLines_AddedAndBadLinesReported()
    {
        var (added, rejected) = DncListImporter.Import(new StringReader("# external\n13812345678\n+1 650 253 0000,opt-out\n12\n\n"), _dnc, new PhoneNumberNormalizer("CN"), "regulator");
        Assert.Equal(2, added);
        Assert.Equal([4], rejected);
        Assert.True(_dnc.Contains("+16502530000"));
    }

    [Theory]
    [InlineData(0, 59, false)] // 08:59 Beijing
    [InlineData(1, 0, true)]   // 09:00 Beijing
    [InlineData(11, 59, true)] // 19:59 Beijing
    [InlineData(12, 0, false)] // 20:00 Beijing: End is exclusive
    public void CallingWindow_ChineseNumber_UsesBeijingTime(int utcHour, int utcMinute, bool allowed)
    {
        var policy = new CallingWindowPolicy(Clock);
        Assert.Equal(allowed, policy.Check(Context("13812345678", TestData.Utc(2026, 3, 2, utcHour, utcMinute))).Allowed);
    }

    [Fact]
    public void CallingWindow_UsNumberAcrossMarchDstSwitch_FollowsLocalClock()
    {
        // New York switches to EDT on Sunday 8 March 2026. 13:30 UTC is 08:30 EST on Friday 6 March but 09:30 EDT on Monday 9 March.
        var policy = new CallingWindowPolicy(Clock);
        Assert.False(policy.Check(Context("+12125550123", TestData.Utc(2026, 3, 6, 13, 30))).Allowed);
        Assert.True(policy.Check(Context("+12125550123", TestData.Utc(2026, 3, 9, 13, 30))).Allowed);

        // On the switch day itself: 13:00 UTC = 09:00 EDT (allowed), whereas on Saturday 13:00 UTC = 08:00 EST.
        Assert.True(policy.Check(Context("+12125550123", TestData.Utc(2026, 3, 8, 13, 0))).Allowed);
        Assert.False(policy.Check(Context("+12125550123", TestData.Utc(2026, 3, 7, 13, 0))).Allowed);
    }

    [Fact]
    public void CallingWindow_NumberWithSeveralZones_UsesMostRestrictive()
    {
        // 14:30 UTC on a Monday in June is 10:30 in New York but 07:30 in Los Angeles: a toll-free number spans both.
        var policy = new CallingWindowPolicy(Clock);
        var at = TestData.Utc(2026, 6, 1, 14, 30);
        Assert.True(policy.Check(Context("+12125550123", at)).Allowed);
        var verdict = policy.Check(Context("+18002530000", at));
        Assert.False(verdict.Allowed);
        Assert.Contains("outside the calling window", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CallingWindow_ZoneOverride_WinsOverNumberZone()
    {
        var policy = new CallingWindowPolicy(Clock);
        var campaign = TestData.Campaign(c => c with { TimeZoneOverride = "Europe/London" });
        // 10:00 UTC = 18:00 Beijing (allowed by number) but 10:00 London also allowed; 21:00 UTC = 05:00 Beijing, 21:00 London.
        Assert.False(policy.Check(Context("13812345678", TestData.Utc(2026, 3, 2, 21), campaign)).Allowed);
        Assert.True(policy.Check(Context("13812345678", TestData.Utc(2026, 3, 2, 9), campaign)).Allowed);
        Assert.False(policy.Check(Context("13812345678", TestData.Utc(2026, 3, 2, 8), campaign)).Allowed);
    }

    [Fact]
    public void CallingWindow_HolidayAndExcludedDay_Block()
    {
        var policy = new CallingWindowPolicy(Clock);
        var campaign = TestData.Campaign(c => c with
        {
            Window = new CallingWindow { Holidays = new HashSet<LocalDate> { new(2026, 10, 1) } },
        });

        Assert.False(policy.Check(Context("13812345678", TestData.Utc(2026, 10, 1, 3), campaign)).Allowed); // National Day
        Assert.True(policy.Check(Context("13812345678", TestData.Utc(2026, 10, 2, 3), campaign)).Allowed);  // Friday
        Assert.False(policy.Check(Context("13812345678", TestData.Utc(2026, 10, 3, 3), campaign)).Allowed); // Saturday
    }

    [Fact]
    public void LeadAttemptCap_AtMaximum_Blocks()
    {
        var policy = new LeadAttemptCapPolicy();
        var campaign = TestData.Campaign(c => c with { MaxAttemptsPerLead = 3 });
        Assert.True(policy.Check(Context("13812345678", TestData.Utc(2026, 3, 2, 3), campaign, attempts: 2)).Allowed);
        Assert.False(policy.Check(Context("13812345678", TestData.Utc(2026, 3, 2, 3), campaign, attempts: 3)).Allowed);
    }

    [Fact]
    public void NumberDailyCap_CountsOnlyTheCalleesLocalDay()
    {
        var policy = new NumberDailyCapPolicy(_history, Clock);
        var campaign = TestData.Campaign(c => c with { MaxAttemptsPerNumberPerDay = 2 });

        // 15:30 UTC on 1 March is 23:30 Beijing (previous local day); 16:30 UTC is 00:30 on 2 March.
        _history.RecordAttempt("x", "+8613812345678", TestData.Utc(2026, 3, 1, 15, 30));
        _history.RecordAttempt("x", "+8613812345678", TestData.Utc(2026, 3, 1, 16, 30));
        Assert.True(policy.Check(Context("13812345678", TestData.Utc(2026, 3, 2, 3), campaign)).Allowed);

        _history.RecordAttempt("x", "+8613812345678", TestData.Utc(2026, 3, 2, 2));
        var verdict = policy.Check(Context("13812345678", TestData.Utc(2026, 3, 2, 3), campaign));
        Assert.False(verdict.Allowed);
        Assert.True(policy.Check(Context("13912345678", TestData.Utc(2026, 3, 2, 3), campaign)).Allowed);
    }

    [Theory]
    [InlineData(71, false)]
    [InlineData(72, true)]
    public void AbandonedRedial_Within72Hours_Blocks(int hoursLater, bool allowed)
    {
        var policy = new AbandonedRedialPolicy(_history);
        var abandonedAt = TestData.Utc(2026, 3, 2, 3);
        _history.RecordAbandoned("+8613812345678", abandonedAt);

        var verdict = policy.Check(Context("13812345678", abandonedAt.AddHours(hoursLater)));

        Assert.Equal(allowed, verdict.Allowed);
        if (!allowed)
        {
            Assert.Equal(abandonedAt.AddHours(72), verdict.RetryAfter);
        }
    }

    [Fact]
    public void AbandonedRedial_ConfiguredPeriod_Respected()
    {
        var policy = new AbandonedRedialPolicy(_history);
        _history.RecordAbandoned("+8613812345678", TestData.Utc(2026, 3, 2, 3));
        var campaign = TestData.Campaign(c => c with { AbandonedRedialBlock = TimeSpan.FromHours(24) });
        Assert.True(policy.Check(Context("13812345678", TestData.Utc(2026, 3, 3, 3), campaign)).Allowed);
    }

    [Theory]
    [InlineData(14.9, false)]
    [InlineData(15, true)]
    [InlineData(30, true)]
    public void MinimumRingTime_ShortTimeout_Blocks(double seconds, bool allowed) =>
        Assert.Equal(allowed, new MinimumRingTimePolicy().Check(Context("13812345678", TestData.Utc(2026, 3, 2, 3), ring: TimeSpan.FromSeconds(seconds))).Allowed);

    [Theory]
    [InlineData(404)]
    [InlineData(484)]
    [InlineData(604)]
    public void InvalidNumber_ReportedByNetwork_NeverRedialled(int status)
    {
        var policy = new InvalidNumberPolicy(_history);
        Assert.True(policy.Check(Context("13812345678", TestData.Utc(2026, 3, 2, 3))).Allowed);
        _history.MarkInvalid("+8613812345678", status);
        var verdict = policy.Check(Context("13812345678", TestData.Utc(2027, 3, 2, 3)));
        Assert.False(verdict.Allowed);
        Assert.True(verdict.Permanent);
    }

    [Fact]
    public void Checker_Block_CountedPerPolicyAndFirstBlockWins()
    {
        _dnc.Add("+8613812345678", "internal");
        var checker = ComplianceChecker.CreateDefault(_dnc, _history, new NumberTimeZoneResolver());

        var night = TestData.Utc(2026, 3, 2, 18); // 02:00 Beijing
        Assert.Equal(CompliancePolicies.DoNotCall, checker.Check(Context("13812345678", night)).Policy);
        Assert.Equal(CompliancePolicies.CallingWindow, checker.Check(Context("13912345678", night)).Policy);
        Assert.Equal(CompliancePolicies.CallingWindow, checker.Check(Context("13712345678", night)).Policy);
        Assert.True(checker.Check(Context("13912345678", TestData.Utc(2026, 3, 2, 3))).Allowed);

        Assert.Equal(1, checker.BlockCounts[CompliancePolicies.DoNotCall]);
        Assert.Equal(2, checker.BlockCounts[CompliancePolicies.CallingWindow]);
        Assert.Equal(7, checker.Policies.Count);
    }
}
