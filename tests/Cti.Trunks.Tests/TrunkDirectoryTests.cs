using System.Net;
using Cti.Trunks;

namespace Cti.Trunks.Tests;

public sealed class TrunkDirectoryTests
{
    private static TrunkConfig Trunk(string name, string profile, params string[] allowFrom)
    {
        var options = TrunksOptionsValidatorTests.ValidTrunk(name);
        options.Profile = profile;
        options.AllowFrom.Clear();
        foreach (var network in allowFrom)
        {
            options.AllowFrom.Add(network);
        }

        return TrunkConfig.From(options, new Cti.Numbers.PhoneNumberNormalizer());
    }

    private static readonly TrunkDirectory Directory = new(
    [
        Trunk("carrier-a", "trunks", "203.0.113.0/24"),
        Trunk("carrier-b", "trunks", "198.51.100.7/32", "127.0.0.0/8"),
        Trunk("carrier-c", "other", "10.0.0.0/8"),
    ]);

    [Theory]
    [InlineData("trunks", "203.0.113.9", "carrier-a")]
    [InlineData("trunks", "198.51.100.7", "carrier-b")]
    [InlineData("TRUNKS", "127.0.0.3", "carrier-b")]
    [InlineData("other", "10.1.2.3", "carrier-c")]
    public void Find_SourceInsideAllowFrom_ThatTrunk(string profile, string source, string expected) =>
        Assert.Equal(expected, Directory.Find(profile, IPAddress.Parse(source))?.Name);

    [Theory]
    [InlineData("trunks", "198.51.100.8")]
    [InlineData("trunks", "10.1.2.3")]
    [InlineData("other", "203.0.113.9")]
    [InlineData("agents", "127.0.0.1")]
    public void Find_SourceOutsideEveryAllowFrom_Null(string profile, string source) =>
        Assert.Null(Directory.Find(profile, IPAddress.Parse(source)));

    [Fact]
    public void Find_Ipv4MappedIpv6Source_MatchesIpv4Network() =>
        Assert.Equal("carrier-a", Directory.Find("trunks", IPAddress.Parse("::ffff:203.0.113.9"))?.Name);

    [Fact]
    public void IsTrunkProfile_OnlyProfilesWithTrunks()
    {
        Assert.True(Directory.IsTrunkProfile("trunks"));
        Assert.True(Directory.IsTrunkProfile("other"));
        Assert.False(Directory.IsTrunkProfile("agents"));
    }
}
