using Cti.Host.Tests.Api;
using Microsoft.Extensions.Options;

namespace Cti.Host.Tests.Routing;

public sealed class RoutingStartupTests
{
    [Fact]
    public async Task Start_InvalidRoutingSection_FailsListingEveryError()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestHost.StartAsync(
            null,
            "--Cti:Routing:Queues:0:Strategy=telepathy",
            "--Cti:Routing:Queues:0:OverflowTarget=the-moon",
            "--Cti:Routing:Agents:5:Id=2999"));

        Assert.Contains(error.Failures, f => f.Contains("telepathy", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("the-moon", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("'2999': no SIP account", StringComparison.Ordinal));
    }
}
