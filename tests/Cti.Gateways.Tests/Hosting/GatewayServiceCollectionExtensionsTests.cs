using Cti.Gateways.Hosting;
using Cti.Gateways.Lines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Cti.Gateways.Tests.Hosting;

public sealed class GatewayServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGateways(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void AddGateways_TwoLines_OneWorkerEachAndRegistryWithGroups()
    {
        using var provider = Build(new()
        {
            ["Cti:Gateways:Lines:0:Name"] = "gsm1",
            ["Cti:Gateways:Lines:0:Group"] = "mobile",
            ["Cti:Gateways:Lines:0:PortName"] = "/dev/ttyUSB0",
            ["Cti:Gateways:Lines:0:AudioEndpoint"] = "sip:ch1@10.0.0.20",
            ["Cti:Gateways:Lines:1:Name"] = "gsm2",
            ["Cti:Gateways:Lines:1:Group"] = "mobile",
            ["Cti:Gateways:Lines:1:PortName"] = "/dev/ttyUSB1",
            ["Cti:Gateways:Lines:1:AudioEndpoint"] = "sip:ch2@10.0.0.20",
        });

        var workers = provider.GetServices<IHostedService>().OfType<GatewayLineWorker>().ToList();
        var registry = provider.GetRequiredService<IGatewayLineRegistry>();

        Assert.Equal(2, workers.Count);
        Assert.Equal(["gsm1", "gsm2"], registry.Lines.Select(l => l.Name));
        Assert.Equal(["mobile"], registry.Groups);
        Assert.All(registry.Lines, l => Assert.Equal(GatewayLineStatus.Starting, l.State.Status));
    }

    [Fact]
    public void AddGateways_NoLines_NoWorkers()
    {
        using var provider = Build([]);

        Assert.Empty(provider.GetServices<IHostedService>().OfType<GatewayLineWorker>());
        Assert.Empty(provider.GetRequiredService<IGatewayLineRegistry>().Lines);
    }

    [Fact]
    public void AddGateways_InvalidLine_ValidationListsEveryError()
    {
        using var provider = Build(new()
        {
            ["Cti:Gateways:Lines:0:Name"] = "",
            ["Cti:Gateways:Lines:0:AudioEndpoint"] = "nope",
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<GatewaysOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains("Lines:0:Name", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Lines:0:PortName", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Lines:0:AudioEndpoint", StringComparison.Ordinal));
    }
}
