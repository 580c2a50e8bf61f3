using Cti.Acd;
using Cti.Campaigns;
using Cti.Host.Options;
using Cti.Registrar;
using Cti.Trunks;
using Microsoft.Extensions.Configuration;
using Cti.Host.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cti.Host.Tests.Options;

public sealed class KeyedConfigurationTests
{
    private static IConfiguration Build(Dictionary<string, string?> values, Dictionary<string, string?>? overlay = null) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).AddInMemoryCollection(overlay ?? []).Build();

    private static IConfiguration Shipped(string? environment, string? overlayJson = null)
    {
        var builder = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"));
        if (environment is not null)
        {
            builder.AddJsonFile(Path.Combine(AppContext.BaseDirectory, $"appsettings.{environment}.json"));
        }

        if (overlayJson is not null)
        {
            var path = Path.Combine(Directory.CreateTempSubdirectory("cti-keyed-").FullName, "site.json");
            File.WriteAllText(path, overlayJson);
            builder.AddJsonFile(path);
        }

        return builder.Build();
    }

    private static (AgentsOptions Cti, RoutingOptions Routing, List<string> Errors) Read(IConfiguration configuration)
    {
        var errors = new List<string>();
        var cti = new AgentsOptions().ApplyKeys(configuration, errors);
        var routing = new RoutingOptions();
        configuration.GetSection(RoutingOptions.SectionName).Bind(routing);
        RoutingOptionsReader.Apply(configuration, routing, errors);
        return (cti, routing, errors);
    }

    private static readonly Dictionary<string, string?> ArrayForm = new()
    {
        ["Cti:Agents:0:Extension"] = "1001",
        ["Cti:Agents:0:Password"] = "secret-1",
        ["Cti:Agents:1:Extension"] = "1002",
        ["Cti:Agents:1:Ha1Md5"] = "0123456789abcdef0123456789abcdef",
        ["Cti:Routing:Skills:0"] = "support",
        ["Cti:Routing:Queues:0:Id"] = "support",
        ["Cti:Routing:Queues:0:Strategy"] = "round-robin",
        ["Cti:Routing:Agents:0:Id"] = "1001",
        ["Cti:Routing:Agents:0:Skills:0:Skill"] = "support",
        ["Cti:Routing:Agents:0:Skills:0:Proficiency"] = "7",
        ["Cti:Routing:Agents:0:Queues:0:Queue"] = "support",
        ["Cti:Trunks:0:Name"] = "carrier",
        ["Cti:Trunks:0:Profile"] = "trunks",
        ["Cti:Trunks:0:Peers:0"] = "127.0.0.1:5090",
        ["Cti:Dialer:Campaigns:0:Id"] = "renewals",
        ["Cti:Dialer:Campaigns:0:Mode"] = "preview",
    };

    private static readonly Dictionary<string, string?> ObjectForm = new()
    {
        ["Cti:Agents:1001:Password"] = "secret-1",
        ["Cti:Agents:1001:Skills:0:Skill"] = "support",
        ["Cti:Agents:1001:Skills:0:Proficiency"] = "7",
        ["Cti:Agents:1001:Queues:0:Queue"] = "support",
        ["Cti:Agents:1002:Ha1Md5"] = "0123456789abcdef0123456789abcdef",
        ["Cti:Routing:Skills:0"] = "support",
        ["Cti:Routing:Queues:support:Strategy"] = "round-robin",
        ["Cti:Trunks:carrier:Profile"] = "trunks",
        ["Cti:Trunks:carrier:Peers:0"] = "127.0.0.1:5090",
        ["Cti:Dialer:Campaigns:renewals:Mode"] = "preview",
    };

    [Fact]
    public void Read_ArrayAndObjectForms_BindTheSameDefinitions()
    {
        var fromArray = Read(Build(ArrayForm));
        var fromObject = Read(Build(ObjectForm));

        Assert.Empty(fromArray.Errors);
        Assert.Empty(fromObject.Errors);
        foreach (var (cti, routing, _) in new[] { fromArray, fromObject })
        {
            Assert.Equal(["1001", "1002"], cti.Agents.Select(a => a.Extension));
            Assert.Equal("secret-1", cti.Agents[0].Password);
            Assert.Equal("0123456789abcdef0123456789abcdef", cti.Agents[1].Ha1Md5);
            var agent = Assert.Single(routing.Agents);
            Assert.Equal("1001", agent.Id);
            Assert.Equal(7, Assert.Single(agent.Skills).Proficiency);
            Assert.Equal("support", Assert.Single(agent.Queues).Queue);
            var queue = Assert.Single(routing.Queues);
            Assert.Equal(("support", "round-robin"), (queue.Id, queue.Strategy));
        }

        foreach (var configuration in new[] { Build(ArrayForm), Build(ObjectForm) })
        {
            var trunks = new TrunksOptions();
            TrunksOptionsReader.Apply(configuration, trunks, new List<string>());
            var trunk = Assert.Single(trunks.Trunks);
            Assert.Equal(("carrier", "trunks", "127.0.0.1:5090"), (trunk.Name, trunk.Profile, Assert.Single(trunk.Peers)));

            var dialer = new DialerOptions();
            DialerOptionsReader.Apply(configuration, dialer, new List<string>());
            var campaign = Assert.Single(dialer.Campaigns);
            Assert.Equal(("renewals", "preview"), (campaign.Id, campaign.Mode));
        }
    }

    [Fact]
    public void Read_ObjectOverlayChangingOnePassword_KeepsTheOtherDemoAgents()
    {
        var (cti, routing, errors) = Read(Shipped("Development", """{ "Cti": { "Agents": { "1003": { "Password": "changed" } } } }"""));

        Assert.Empty(errors);
        Assert.Equal(["1001", "1002", "1003", "1004", "1005"], cti.Agents.Select(a => a.Extension));
        Assert.Equal(["demo1001", "demo1002", "changed", "demo1004", "demo1005"], cti.Agents.Select(a => a.Password));
        Assert.Equal(["1001", "1002", "1003", "1004", "1005"], routing.Agents.Select(a => a.Id));
        Assert.Empty(AgentsOptionsValidator.Collect(cti));
    }

    [Fact]
    public void Read_OverlayWithTwoAgentsOnShippedProductionSettings_YieldsExactlyThoseTwo()
    {
        const string Site = """{ "Cti": { "Agents": { "2001": { "Password": "pw-2001" }, "2002": { "Password": "pw-2002" } } } }""";

        var production = Read(Shipped(null, Site));
        var development = Read(Shipped("Development", Site));

        Assert.Equal(["2001", "2002"], production.Cti.Agents.Select(a => a.Extension));
        Assert.Empty(production.Routing.Agents);
        // Over the demo data the two are added by id, not laid over the demo agents at indexes 0 and 1.
        Assert.Equal(["1001", "1002", "1003", "1004", "1005", "2001", "2002"], development.Cti.Agents.Select(a => a.Extension));
        Assert.Equal("demo1001", development.Cti.Agents[0].Password);
    }

    [Fact]
    public void ShippedProductionSettings_NoDefinitions_AreValid()
    {
        var configuration = Shipped(null);
        var (cti, routing, errors) = Read(configuration);
        var trunks = new TrunksOptions();
        TrunksOptionsReader.Apply(configuration, trunks, errors);
        var dialer = new DialerOptions();
        configuration.GetSection(DialerOptions.SectionName).Bind(dialer);
        DialerOptionsReader.Apply(configuration, dialer, errors);

        Assert.Empty(errors);
        Assert.Empty(cti.Agents);
        Assert.Empty(routing.Agents);
        Assert.Empty(routing.Queues);
        Assert.Empty(trunks.Trunks);
        Assert.Empty(dialer.Campaigns);
        Assert.Empty(AgentsOptionsValidator.Collect(cti));
        Assert.Empty(RoutingOptionsValidator.Collect(routing, cti.Extensions()));
        Assert.Empty(TrunksOptionsValidator.Collect(trunks, new HashSet<string>(["agents", "trunks"]), RoutingOptionsReader.QueueIds(configuration)));
        Assert.Empty(DialerOptionsValidator.Collect(dialer));
    }

    [Fact]
    public void Read_KeyDiffersFromIdInside_IsAnError()
    {
        var configuration = Build(new()
        {
            ["Cti:Agents:1001:Extension"] = "1002",
            ["Cti:Agents:1001:Password"] = "secret",
            ["Cti:Agents:1003:Extension"] = "1003",
            ["Cti:Agents:1003:Password"] = "secret",
            ["Cti:Trunks:carrier:Name"] = "other",
            ["Cti:Routing:Queues:support:Id"] = "sales",
        });

        var (cti, routing, errors) = Read(configuration);
        TrunksOptionsReader.Apply(configuration, new TrunksOptions(), errors);

        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("Cti:Agents:1001: the id inside ('1002') differs from the key '1001'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Cti:Trunks:carrier: the id inside ('other')", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Cti:Routing:Queues:support: the id inside ('sales')", StringComparison.Ordinal));
        Assert.Equal(["1001", "1003"], cti.Agents.Select(a => a.Extension));
        Assert.Equal("support", Assert.Single(routing.Queues).Id);
    }

    [Fact]
    public void Build_KeyDiffersFromIdInside_RefusesToStart()
    {
        var error = Assert.Throws<OptionsValidationException>(() => CtiApplication.Build(["--environment=Production", "--Cti:Agents:7777:Id=7778", "--Cti:Agents:7777:Password=secret"]));

        Assert.Contains(error.Failures, f => f.StartsWith("Cti:Agents:7777: the id inside ('7778') differs from the key '7777'", StringComparison.Ordinal));
    }

    [Fact]
    public void Collect_ObjectForm_ErrorsNameTheKey()
    {
        var configuration = Build(new()
        {
            ["Cti:Agents:1001:Password"] = "a",
            ["Cti:Agents:1002:StaticContact"] = "sip:1002@phone.example",
            ["Cti:Agents:1002:Password"] = "b",
            ["Cti:Trunks:carrier:Peers:0"] = "127.0.0.1:5090",
        });
        var (cti, _, _) = Read(configuration);
        var trunks = new TrunksOptions();
        TrunksOptionsReader.Apply(configuration, trunks, new List<string>());

        Assert.Contains(AgentsOptionsValidator.Collect(cti), e => e.StartsWith("Cti:Agents:1002:StaticContact 'sip:1002@phone.example'", StringComparison.Ordinal));
        Assert.Contains(TrunksOptionsValidator.Collect(trunks, new HashSet<string>(["trunks"]), null), e => e == "Cti:Trunks:carrier:Profile is required.");
    }

    [Fact]
    public async Task Start_ShippedSettingsWithoutDevelopmentData_StartsWithNoAgents()
    {
        var data = Directory.CreateTempSubdirectory("cti-clean-").FullName;
        await using var app = CtiApplication.Build(
        [
            "--environment=Production",
            $"--Cti:DataDirectory={data}",
            $"--Cti:Http:Url=http://127.0.0.1:{FreePorts.Next()}",
            $"--Cti:Sip:Profiles:agents:Port={FreePorts.Next()}",
            $"--Cti:Sip:Profiles:trunks:Port={FreePorts.Next()}",
            "--Logging:LogLevel:Default=Warning",
        ]);

        await app.StartAsync();
        try
        {
            Assert.Empty(app.Services.GetRequiredService<IOptions<AgentsOptions>>().Value.Agents);
            Assert.Empty(app.Services.GetRequiredService<RoutingConfigState>().Current.Agents);
            Assert.Empty(app.Services.GetRequiredService<TrunkDirectory>().Trunks);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public void Read_DuplicateIdsInArrayForm_AreAValidationError()
    {
        var (cti, _, errors) = Read(Build(new()
        {
            ["Cti:Agents:0:Extension"] = "1001",
            ["Cti:Agents:0:Password"] = "a",
            ["Cti:Agents:1:Extension"] = "1001",
            ["Cti:Agents:1:Password"] = "b",
        }));

        Assert.Empty(errors);
        Assert.Contains(AgentsOptionsValidator.Collect(cti), e => e.Contains("'1001' is configured more than once", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_LegacyRoutingAgents_MergeByIdIntoTheOneDefinition()
    {
        var (_, routing, errors) = Read(Build(new()
        {
            ["Cti:Agents:1001:Password"] = "a",
            ["Cti:Agents:1002:Password"] = "b",
            ["Cti:Agents:1002:Skills:0:Skill"] = "support",
            ["Cti:Routing:Agents:0:Id"] = "1001",
            ["Cti:Routing:Agents:0:Skills:0:Skill"] = "billing",
            ["Cti:Routing:Agents:1:Id"] = "1002",
        }));

        Assert.Empty(errors);
        Assert.Equal(["1002", "1001"], routing.Agents.Select(a => a.Id));
        Assert.Equal(["support", "billing"], routing.Agents.Select(a => Assert.Single(a.Skills).Skill));
    }

    [Fact]
    public void Read_AcdSettingsInBothPlaces_IsAnError()
    {
        var (_, _, errors) = Read(Build(new()
        {
            ["Cti:Agents:1001:Password"] = "a",
            ["Cti:Agents:1001:Skills:0:Skill"] = "support",
            ["Cti:Routing:Agents:0:Id"] = "1001",
            ["Cti:Routing:Agents:0:Skills:0:Skill"] = "billing",
        }));

        Assert.Equal(["Cti:Routing:Agents:0: agent '1001' has ACD settings in Cti:Agents:1001 too; keep them in Cti:Agents:1001 only."], errors);
    }

    [Fact]
    public async Task StartAsync_DeprecatedForms_WarnsOncePerSection()
    {
        var configuration = Build(ArrayForm, new() { ["Cti:Routing:Agents:1:Id"] = "1002" });
        var logger = new ListLogger();

        await new KeyedSectionWarnings(configuration, logger).StartAsync(CancellationToken.None);

        Assert.All(logger.Entries, e => Assert.Equal(LogLevel.Warning, e.Level));
        Assert.Equal(
            [
                "Cti:Agents as an array is deprecated",
                "Cti:Routing:Queues as an array is deprecated",
                "Cti:Trunks as an array is deprecated",
                "Cti:Dialer:Campaigns as an array is deprecated",
                "Cti:Routing:Agents is deprecated",
            ],
            logger.Entries.Select(e => e.Message[..e.Message.IndexOf(';', StringComparison.Ordinal)]));
    }

    [Fact]
    public async Task StartAsync_ObjectForm_WarnsNothing()
    {
        var logger = new ListLogger();

        await new KeyedSectionWarnings(Build(ObjectForm), logger).StartAsync(CancellationToken.None);

        Assert.Empty(logger.Entries);
    }

    private sealed class ListLogger : ILogger<KeyedSectionWarnings>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
