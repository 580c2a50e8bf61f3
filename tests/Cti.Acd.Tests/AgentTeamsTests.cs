using Cti.Acd;
using Microsoft.Extensions.Configuration;

namespace Cti.Acd.Tests;

/// <summary>Teams come from the one agent definition (<c>Team</c> or <c>Teams</c>) into the ACD's agent config.</summary>
public sealed class AgentTeamsTests
{
    [Fact]
    public void Apply_TeamAndTeams_MergedWithoutDuplicates()
    {
        var options = Read(new Dictionary<string, string?>
        {
            ["Cti:Agents:1001:Team"] = "blue",
            ["Cti:Agents:1001:Teams:0"] = "blue",
            ["Cti:Agents:1001:Teams:1"] = "night",
            ["Cti:Agents:1002:Teams:0"] = "green",
            ["Cti:Agents:1003:Skills:0:Skill"] = "support",
        });
        var errors = new List<string>();

        var config = RoutingOptionsMapper.Map(options, errors);

        Assert.Empty(errors);
        Assert.Equal(["blue", "night"], config.Agents.Single(a => a.Id == "1001").Teams);
        Assert.Equal(["green"], config.Agents.Single(a => a.Id == "1002").Teams);
        Assert.Empty(config.Agents.Single(a => a.Id == "1003").Teams);
    }

    [Fact]
    public void ToOptions_Teams_RoundTrip()
    {
        var errors = new List<string>();
        var agent = RoutingOptionsMapper.MapAgent(new RoutingAgentOptions { Team = "blue", Teams = ["night"] }, "1001", "agent '1001'", errors);

        var options = RoutingOptionsMapper.ToOptions(agent);

        Assert.Equal(["blue", "night"], options.Teams);
        Assert.Equal(["blue", "night"], RoutingOptionsMapper.MapAgent(options, "1001", "agent '1001'", errors).Teams);
        Assert.Empty(errors);
    }

    private static RoutingOptions Read(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var options = new RoutingOptions();
        var errors = new List<string>();
        RoutingOptionsReader.Apply(configuration, options, errors);
        Assert.Empty(errors);
        return options;
    }
}
