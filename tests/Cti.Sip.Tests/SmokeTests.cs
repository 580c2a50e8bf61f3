namespace Cti.Sip.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Build_Succeeds() => Assert.Equal(4, 2 + 2);
}
