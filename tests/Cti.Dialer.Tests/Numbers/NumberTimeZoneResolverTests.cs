using Cti.Dialer.Numbers;

namespace Cti.Dialer.Tests.Numbers;

public class NumberTimeZoneResolverTests
{
    private readonly NumberTimeZoneResolver _resolver = new();

    [Fact]
    public void Resolve_ChineseMobile_IsShanghai() =>
        Assert.Equal(["Asia/Shanghai"], _resolver.Resolve("+8613812345678").Select(z => z.Id));

    [Fact]
    public void Resolve_NewYorkNumber_IsNewYork() =>
        Assert.Equal(["America/New_York"], _resolver.Resolve("+12125550123").Select(z => z.Id));

    [Fact]
    public void Resolve_UsTollFree_HasSeveralZones() =>
        Assert.True(_resolver.Resolve("+18002530000").Count > 1);

    [Fact]
    public void Resolve_Garbage_IsEmpty() => Assert.Empty(_resolver.Resolve("not a number"));
}
