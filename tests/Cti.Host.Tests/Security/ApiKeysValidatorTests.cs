using Cti.Platform.Hosting;
using Cti.Platform.Security;
using Microsoft.Extensions.Configuration;

namespace Cti.Host.Tests.Security;

public sealed class ApiKeysValidatorTests
{
    [Fact]
    public void Collect_EveryRoleWithWhatItNeeds_NoErrors()
    {
        var errors = Collect(new Dictionary<string, string?>
        {
            ["Cti:Api:Keys:crm:Key"] = "crm-secret-0123456789",
            ["Cti:Api:Keys:crm:Roles:0"] = "integrator",
            ["Cti:Api:Keys:desk-1001:Key"] = "desk-secret-0123456789",
            ["Cti:Api:Keys:desk-1001:Roles:0"] = "agent",
            ["Cti:Api:Keys:desk-1001:Agent"] = "1001",
            ["Cti:Api:Keys:lead:Key"] = "lead-secret-0123456789",
            ["Cti:Api:Keys:lead:Roles:0"] = "supervisor",
            ["Cti:Api:Keys:lead:Teams:0"] = "blue",
        }, out var options);

        Assert.Empty(errors);
        Assert.Equal(["crm", "desk-1001", "lead"], options.Api.Keys.Select(k => k.Name).Order().ToArray());
        Assert.Equal("1001", options.Api.Keys.Single(k => k.Name == "desk-1001").Agent);
        Assert.Equal(["blue"], options.Api.Keys.Single(k => k.Name == "lead").Teams);
    }

    [Fact]
    public void Collect_SeveralProblems_ReportsEveryOne()
    {
        var errors = Collect(new Dictionary<string, string?>
        {
            ["Cti:Api:Keys:short:Key"] = "tooshort",
            ["Cti:Api:Keys:short:Roles:0"] = "admin",
            ["Cti:Api:Keys:odd:Key"] = "odd-secret-0123456789",
            ["Cti:Api:Keys:odd:Roles:0"] = "superuser",
            ["Cti:Api:Keys:desk:Key"] = "desk-secret-0123456789",
            ["Cti:Api:Keys:desk:Roles:0"] = "agent",
            ["Cti:Api:Keys:none:Key"] = "none-secret-0123456789",
            ["Cti:Api:Keys:crm:Key"] = "crm-secret-0123456789",
            ["Cti:Api:Keys:crm:Roles:0"] = "integrator",
            ["Cti:Api:Keys:crm:Teams:0"] = "blue",
            ["Cti:Api:Keys:crm:Agent"] = "1001",
            ["Cti:Api:Keys:copy:Key"] = "crm-secret-0123456789",
            ["Cti:Api:Keys:copy:Roles:0"] = "qc",
        }, out _);

        Assert.Contains(errors, e => e == "Cti:Api:Keys:short:Key is shorter than 16 characters; use a long random secret.");
        Assert.Contains(errors, e => e.StartsWith("Cti:Api:Keys:odd:Roles: unknown role 'superuser'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Cti:Api:Keys:desk: the agent role needs Agent", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Cti:Api:Keys:none:Roles is empty", StringComparison.Ordinal));
        Assert.Contains(errors, e => e == "Cti:Api:Keys:crm:Teams is set but the key has no supervisor role.");
        Assert.Contains(errors, e => e == "Cti:Api:Keys:crm:Agent is set but the key has no agent role.");
        Assert.Contains(errors, e => e.EndsWith("repeats the key of another entry.", StringComparison.Ordinal));
        Assert.Equal(7, errors.Count);
        Assert.DoesNotContain(errors, e => e.Contains("tooshort", StringComparison.Ordinal) || e.Contains("secret-0123", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_ArrayForm_NamesFromInside()
    {
        var errors = Collect(new Dictionary<string, string?>
        {
            ["Cti:Api:Keys:0:Name"] = "legacy",
            ["Cti:Api:Keys:0:Key"] = "legacy-secret-0123456789",
            ["Cti:Api:Keys:0:Roles:0"] = "export",
        }, out var options);

        Assert.Empty(errors);
        var key = Assert.Single(options.Api.Keys);
        Assert.Equal("legacy", key.Name);
        Assert.Equal(["export"], key.Roles);
    }

    [Fact]
    public void Supervises_NoTeams_EveryAgent_WithTeams_OnlyThose()
    {
        var all = new ApiCaller("s1", new HashSet<string> { ApiRoles.Supervisor }, null, new HashSet<string>());
        var blue = new ApiCaller("s2", new HashSet<string> { ApiRoles.Supervisor }, null, new HashSet<string> { "blue" });

        Assert.True(all.Supervises(["green"]));
        Assert.True(all.Supervises([]));
        Assert.True(blue.Supervises(["green", "blue"]));
        Assert.False(blue.Supervises(["green"]));
        Assert.False(blue.Supervises([]));
    }

    [Fact]
    public void MayControlAgent_AgentKey_OnlyItsOwn()
    {
        var agent = new ApiCaller("desk", new HashSet<string> { ApiRoles.Agent }, "1001", new HashSet<string>());

        Assert.True(agent.MayControlAgent("1001", []));
        Assert.False(agent.MayControlAgent("1002", []));
        Assert.False(agent.SeesFullNumbers);
    }

    private static List<string> Collect(Dictionary<string, string?> settings, out PlatformOptions options)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        options = configuration.GetSection(PlatformOptions.SectionName).Get<PlatformOptions>() ?? new PlatformOptions();
        var errors = new List<string>();
        ApiKeysReader.Apply(configuration, options, errors);
        errors.AddRange(PlatformOptionsValidator.Collect(options));
        return errors;
    }
}
