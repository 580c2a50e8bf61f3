using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Cti.Host.Tests.Api;

public sealed class HostLifecycleTests
{
    [Fact]
    public async Task Restart_SameDataDirectory_RestoresBindings()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("cti-restart-").FullName;
        await using (var first = await TestHost.StartAsync(dataDirectory))
        {
            using var phone = new SipTestPhone(first.SipPort);
            Assert.Equal(200, (await phone.RegisterAsync("1004", "demo1004")).StatusCode);
        }

        await using var second = await TestHost.StartAsync(dataDirectory);
        using var client = second.CreateClient();

        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/registrations", UriKind.Relative)));

        Assert.Equal("1004", Assert.Single(json.RootElement.EnumerateArray()).GetProperty("extension").GetString());
    }

    [Fact]
    public async Task Start_DemoKeyWithSipOnAllInterfaces_RefusedWithEveryReason()
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => TestHost.StartAsync(
            null,
            "--Cti:Api:Keys:demo:Key=dev-key-admin-0001",
            "--Cti:Sip:Profiles:agents:Address=0.0.0.0"));

        Assert.Contains(exception.Failures, f => f.Contains("Cti:Api:Keys:demo uses a demo key", StringComparison.Ordinal));
        Assert.Equal(5, exception.Failures.Count(f => f.Contains("demo password", StringComparison.Ordinal)));
    }
}
