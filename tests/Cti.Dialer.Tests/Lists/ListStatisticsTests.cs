using Cti.Dialer.Lists;
using Cti.Numbers;

namespace Cti.Dialer.Tests.Lists;

public class ListStatisticsTests
{
    [Fact]
    public void Rates_HandComputed_MatchDefinitions()
    {
        var stats = new ListStatistics(Dialled: 200, Invalid: 10, Contacted: 50, Successes: 5);
        Assert.Equal(0.05, stats.InvalidRate, 10);
        Assert.Equal(0.25, stats.ContactRate, 10);
        Assert.Equal(0.025, stats.NetSuccessRate, 10);
        Assert.Equal(0.1, stats.SuccessesPerContact, 10);
    }

    [Fact]
    public void Rates_NothingDialled_AreZero()
    {
        var stats = new ListStatistics(0, 0, 0, 0);
        Assert.Equal(0, stats.ContactRate);
        Assert.Equal(0, stats.SuccessesPerContact);
    }

    [Fact]
    public void Tracker_CountsPerListAndPerSource()
    {
        var tracker = new ListStatisticsTracker();
        var phone = new NormalizedPhoneNumber("+8613812345678", "CN", PhoneNumberKind.Mobile);
        var a = new Lead("a", "L1", "web", phone, null, new Dictionary<string, string>(), 0, 2);
        var b = new Lead("b", "L2", "web", phone, null, new Dictionary<string, string>(), 0, 2);
        tracker.RecordDialled(a);
        tracker.RecordDialled(a);
        tracker.RecordContacted(a);
        tracker.RecordSuccess(a);
        tracker.RecordDialled(b);
        tracker.RecordInvalid(b);

        Assert.Equal(new ListStatistics(2, 0, 1, 1), tracker.ForList("L1"));
        Assert.Equal(new ListStatistics(1, 1, 0, 0), tracker.ForList("L2"));
        Assert.Equal(new ListStatistics(3, 1, 1, 1), tracker.ForSource("web"));
        Assert.Equal(new ListStatistics(0, 0, 0, 0), tracker.ForSource("none"));
    }
}
