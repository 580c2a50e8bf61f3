using Cti.Host.Options;
using Microsoft.Extensions.Configuration;

namespace Cti.Host.Tests.Options;

public sealed class CtiConfigurationTests
{
    [Theory]
    [InlineData(new[] { "--config", "/etc/cti/site.json" }, "/etc/cti/site.json")]
    [InlineData(new[] { "--config=/x.json", "--Cti:DataDirectory=/d" }, "/x.json")]
    [InlineData(new[] { "--Cti:DataDirectory=/d" }, null)]
    public void FindConfigArgument_Variants_FindsPath(string[] args, string? expected) =>
        Assert.Equal(expected, CtiConfiguration.FindConfigArgument(args));

    [Fact]
    public void Configure_Layers_LaterOverridesEarlier()
    {
        var dir = Directory.CreateTempSubdirectory("cti-config-").FullName;
        File.WriteAllText(Path.Combine(dir, "appsettings.json"), """{ "Cti": { "DataDirectory": "base", "Registrar": { "MinExpires": 60, "MaxExpires": 7200 }, "Http": { "Url": "http://127.0.0.1:1" } } }""");
        var extra = Path.Combine(dir, "extra.json");
        File.WriteAllText(extra, """{ "Cti": { "DataDirectory": "extra", "Registrar": { "MinExpires": 30 } } }""");
        var environment = new Dictionary<string, string>
        {
            ["CTI_CONFIG_FILE"] = extra,
            ["CTI_Registrar__MaxExpires"] = "900",
            ["CTI_DataDirectory"] = "env",
        };
        var builder = new ConfigurationBuilder();

        CtiConfiguration.Configure(builder, ["--Cti:DataDirectory=cli"], dir, environment);
        var configuration = builder.Build();

        Assert.Equal("cli", configuration["Cti:DataDirectory"]);
        Assert.Equal("30", configuration["Cti:Registrar:MinExpires"]);
        Assert.Equal("900", configuration["Cti:Registrar:MaxExpires"]);
        Assert.Equal("http://127.0.0.1:1", configuration["Cti:Http:Url"]);
        Assert.Null(configuration["Cti:CONFIG_FILE"]);
    }

    [Fact]
    public void Configure_EnvironmentFile_LayersBetweenBaseAndExtraFile()
    {
        var dir = Directory.CreateTempSubdirectory("cti-config-").FullName;
        File.WriteAllText(Path.Combine(dir, "appsettings.json"), """{ "Cti": { "DataDirectory": "base", "DefaultRegion": "CN", "Sip": { "Domain": "base" } } }""");
        File.WriteAllText(Path.Combine(dir, "appsettings.Development.json"), """{ "Cti": { "DataDirectory": "development", "DefaultRegion": "US" } }""");
        var extra = Path.Combine(dir, "extra.json");
        File.WriteAllText(extra, """{ "Cti": { "DataDirectory": "extra" } }""");

        var development = new ConfigurationBuilder();
        CtiConfiguration.Configure(development, ["--config", extra], dir, new Dictionary<string, string>(), "Development");
        var production = new ConfigurationBuilder();
        CtiConfiguration.Configure(production, [], dir, new Dictionary<string, string>(), "Production");

        var dev = development.Build();
        Assert.Equal(("extra", "US", "base"), (dev["Cti:DataDirectory"], dev["Cti:DefaultRegion"], dev["Cti:Sip:Domain"]));
        Assert.Equal(("base", "CN"), (production.Build()["Cti:DataDirectory"], production.Build()["Cti:DefaultRegion"]));
    }

    [Fact]
    public void Configure_MissingExtraFile_Throws()
    {
        var builder = new ConfigurationBuilder();

        CtiConfiguration.Configure(builder, ["--config", "/nonexistent/cti.json"], Path.GetTempPath(), new Dictionary<string, string>());

        Assert.Throws<FileNotFoundException>(() => builder.Build());
    }
}
