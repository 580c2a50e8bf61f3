using Cti.Gateways.Hosting;
using Microsoft.Extensions.Configuration;

namespace Cti.Gateways.Tests.Hosting;

public sealed class GatewaysOptionsValidatorTests
{
    private static GatewaysOptions Bind(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return configuration.GetSection(GatewaysOptions.SectionName).Get<GatewaysOptions>() ?? new GatewaysOptions();
    }

    [Fact]
    public void Collect_ValidLineFromConfiguration_NoErrors()
    {
        var options = Bind(new()
        {
            ["Cti:Gateways:Lines:0:Name"] = "gsm1",
            ["Cti:Gateways:Lines:0:Group"] = "mobile",
            ["Cti:Gateways:Lines:0:PortName"] = "/dev/ttyUSB0",
            ["Cti:Gateways:Lines:0:BaudRate"] = "115200",
            ["Cti:Gateways:Lines:0:Parity"] = "None",
            ["Cti:Gateways:Lines:0:StopBits"] = "One",
            ["Cti:Gateways:Lines:0:Handshake"] = "RequestToSend",
            ["Cti:Gateways:Lines:0:AudioEndpoint"] = "sip:ch1@10.0.0.20",
            ["Cti:Gateways:Lines:0:Caps:MaxCallsPerDay"] = "80",
            ["Cti:Gateways:Lines:0:Caps:MinGapBetweenCalls"] = "00:00:30",
            ["Cti:Gateways:Lines:0:Caps:ActiveHours:From"] = "09:00",
            ["Cti:Gateways:Lines:0:Caps:ActiveHours:To"] = "20:00",
        });

        Assert.Empty(GatewaysOptionsValidator.Collect(options));
        var line = Assert.Single(options.Lines);
        Assert.Equal(System.IO.Ports.Handshake.RequestToSend, line.Handshake);
        Assert.Equal(new TimeOnly(20, 0), line.Caps.ActiveHours!.To);
    }

    [Fact]
    public void Collect_ManyMistakes_ReportsEveryOne()
    {
        var options = new GatewaysOptions
        {
            Lines =
            [
                new GatewayLineOptions { Name = "a", PortName = "/dev/ttyUSB0", AudioEndpoint = "sip:a@gw" },
                new GatewayLineOptions
                {
                    Name = "A",
                    PortName = "/dev/ttyUSB0",
                    AudioEndpoint = "http://x",
                    BaudRate = 1,
                    DataBits = 9,
                    CommandTimeout = TimeSpan.Zero,
                    ResetCommand = "reboot",
                    MaxFailuresBeforeOutOfService = 0,
                    Caps = new GatewayCapsOptions
                    {
                        MaxCallsPerDay = 0,
                        ActiveHours = new GatewayActiveHoursOptions { From = new TimeOnly(9, 0), To = new TimeOnly(9, 0) },
                    },
                },
            ],
        };

        var errors = GatewaysOptionsValidator.Collect(options);

        string[] expected = [":1:Name", ":1:PortName", ":1:AudioEndpoint", ":1:BaudRate", ":1:DataBits", ":1:CommandTimeout", ":1:ResetCommand", ":1:MaxFailuresBeforeOutOfService", ":1:Caps:MaxCallsPerDay", ":1:Caps:ActiveHours"];
        foreach (var key in expected)
        {
            Assert.Contains(errors, e => e.Contains("Cti:Gateways:Lines" + key, StringComparison.Ordinal));
        }

        Assert.Equal(expected.Length, errors.Count);
    }
}
