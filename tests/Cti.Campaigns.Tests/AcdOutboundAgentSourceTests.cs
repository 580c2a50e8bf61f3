using Cti.Dialer.Campaigns;
using Cti.Campaigns;
using Cti.Acd;
using Cti.Routing.Agents;
using Cti.Routing.Config;
using Cti.Routing.Engine;
using Cti.Routing.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cti.Campaigns.Tests;

/// <summary>The dialer's view of agents comes from the ACD: nobody logged in means no outbound calls.</summary>
public sealed class AcdOutboundAgentSourceTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero));
    private readonly CancellationTokenSource _stop = new();
    private AcdEngine _engine = null!;
    private RoutingConfigState _routing = null!;
    private Task _loop = Task.CompletedTask;

    public Task InitializeAsync()
    {
        var config = DemoRoutingConfig.Create();
        _engine = new AcdEngine(config, new InMemoryRoutingStateStore(), _time, NullLogger<AcdEngine>.Instance);
        _routing = new RoutingConfigState(_engine, config, new HashSet<string>(["1001", "1002", "1003", "1004", "1005"]));
        _loop = _engine.RunAsync(_stop.Token);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _routing.Dispose();
        _stop.Dispose();
    }

    [Fact]
    public async Task GetAvailability_AgentsLogInAndOut_FollowsTheAcd()
    {
        var source = new AcdOutboundAgentSource(_engine, _routing);
        var campaign = Campaign(skill: "support", agents: []);

        var nobody = await source.GetAvailabilityAsync(campaign, CancellationToken.None);
        Assert.Equal(0, nobody.LoggedIn);
        Assert.Empty(nobody.FreeAgentIds);

        _engine.Post(new AgentStateRequest("1001", AgentRequestKind.Login));
        _engine.Post(new AgentStateRequest("1001", AgentRequestKind.Ready));
        _engine.Post(new AgentStateRequest("1002", AgentRequestKind.Login));
        _engine.Post(new AgentStateRequest("1002", AgentRequestKind.NotReady, "break"));
        var two = await source.GetAvailabilityAsync(campaign, CancellationToken.None);
        Assert.Equal(2, two.LoggedIn);
        Assert.Equal(["1001"], two.FreeAgentIds);

        _engine.Post(new AgentStateRequest("1001", AgentRequestKind.Logout));
        _engine.Post(new AgentStateRequest("1002", AgentRequestKind.Logout));
        var gone = await source.GetAvailabilityAsync(campaign, CancellationToken.None);
        Assert.Equal(0, gone.LoggedIn);
        Assert.Empty(gone.FreeAgentIds);
    }

    [Fact]
    public async Task GetAvailability_ListedAgents_OnlyThoseCount()
    {
        var source = new AcdOutboundAgentSource(_engine, _routing);
        _engine.Post(new AgentStateRequest("1001", AgentRequestKind.Login));
        _engine.Post(new AgentStateRequest("1001", AgentRequestKind.Ready));
        _engine.Post(new AgentStateRequest("1003", AgentRequestKind.Login));
        _engine.Post(new AgentStateRequest("1003", AgentRequestKind.Ready));

        var availability = await source.GetAvailabilityAsync(Campaign(skill: null, agents: ["1003"]), CancellationToken.None);

        Assert.Equal(1, availability.LoggedIn);
        Assert.Equal(["1003"], availability.FreeAgentIds);
    }

    private static CampaignConfig Campaign(string? skill, IReadOnlyList<string> agents) => new()
    {
        CampaignId = "test",
        CallerId = "+861088880000",
        Skill = skill,
        Agents = agents,
    };
}
