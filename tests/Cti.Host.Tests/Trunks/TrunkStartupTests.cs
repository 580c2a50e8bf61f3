using Cti.Host.Tests.Api;
using Microsoft.Extensions.Options;

namespace Cti.Host.Tests.Trunks;

public sealed class TrunkStartupTests
{
    [Fact]
    public async Task StartAsync_InvalidTrunk_FailsListingEveryError()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestHost.StartAsync(
            null,
            "--Cti:Trunks:0:Name=bad",
            "--Cti:Trunks:0:Profile=missing",
            "--Cti:Trunks:0:Peers:0=127.0.0.1:5090",
            "--Cti:Trunks:0:AllowFrom:0=300.0.0.0/8",
            "--Cti:Trunks:0:Dids:100=no-such-queue"));

        Assert.Contains(error.Failures, f => f.Contains("'missing' is not in Cti:Sip:Profiles", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("'300.0.0.0/8' is not a CIDR", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("queue 'no-such-queue'", StringComparison.Ordinal));
    }
}
