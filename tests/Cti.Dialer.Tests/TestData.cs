using Cti.Dialer.Campaigns;
using Cti.Dialer.Lists;
using Cti.Numbers;

namespace Cti.Dialer.Tests;

internal static class TestData
{
    private static readonly PhoneNumberNormalizer Normalizer = new("CN");

    public static Lead Lead(string number, string id = "lead-1", int priority = 0, string list = "L1")
    {
        Assert.True(Normalizer.TryNormalize(number, out var phone, out var reason), reason);
        return new Lead(id, list, "test", phone!, "测试", new Dictionary<string, string>(), priority, 2);
    }

    public static CampaignConfig Campaign(Func<CampaignConfig, CampaignConfig>? change = null)
    {
        var config = new CampaignConfig
        {
            CampaignId = "renewals",
            CallerId = "+861012345678",
            LineGroups = ["trunk-a", "trunk-b"],
            Skill = "renewals",
            Window = new CallingWindow
            {
                Days = new HashSet<NodaTime.IsoDayOfWeek>(Enum.GetValues<NodaTime.IsoDayOfWeek>().Where(d => d != NodaTime.IsoDayOfWeek.None)),
            },
        };
        return change is null ? config : change(config);
    }

    /// <summary>A UTC instant.</summary>
    public static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);
}
