using System.Net;
using System.Text.Json.Nodes;
using Cti.Calls;
using Cti.Campaigns;
using Cti.Dialer.Campaigns;
using Cti.Host.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Cti.Host.Tests.Calls.Control;

/// <summary>
/// Previews waiting for agents 1001 (team blue) and 1003 (team green) on the running service: an agent key sees and
/// dials its own only, a blue supervisor sees blue's only, an administrator sees all.
/// </summary>
public sealed class PreviewScopeApiTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        // No timed preview: the leads wait for their agents whatever the test's pace.
        _host = await TestHost.StartAsync(null, "--Cti:Calls:PreviewTimeout=00:00:00");
        var board = _host.App.Services.GetRequiredService<PreviewBoard>();
        board.Offer(Preview("preview-own", "1001"), new NoOutcomes());
        board.Offer(Preview("preview-other", "1003"), new NoOutcomes());
    }

    public async Task DisposeAsync()
    {
        var directory = _host.DataDirectory;
        await _host.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    [Theory]
    [InlineData(TestHost.AgentKey, "preview-own")]
    [InlineData(TestHost.SupervisorKey, "preview-own")]
    [InlineData(TestHost.AdminKey, "preview-other,preview-own")]
    public async Task ListPreviews_ScopedToTheKeysAgents(string key, string expected)
    {
        using var client = _host.CreateClient(key);

        var previews = JsonNode.Parse(await client.GetStringAsync(new Uri("/api/v1/previews", UriKind.Relative)))!.AsArray();

        Assert.Equal(expected, string.Join(",", previews.Select(p => p!["callId"]!.GetValue<string>()).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public async Task ListPreviews_AgentKeyAsksForAnotherAgent_403()
    {
        using var client = _host.CreateClient(TestHost.AgentKey);

        using var response = await client.GetAsync(new Uri("/api/v1/previews?agent=1003", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(TestHost.AgentKey)]
    [InlineData(TestHost.SupervisorKey)]
    public async Task DialPreview_AnotherAgentsLead_403AndStillWaiting(string key)
    {
        using var client = _host.CreateClient(key);

        using var response = await client.PostAsync(new Uri("/api/v1/previews/preview-other/dial", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.NotNull(_host.App.Services.GetRequiredService<PreviewBoard>().Find("preview-other"));
    }

    [Fact]
    public async Task DialPreview_Unknown_404()
    {
        using var client = _host.CreateClient(TestHost.AgentKey);

        using var response = await client.PostAsync(new Uri("/api/v1/previews/nope/dial", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static DialRequest Preview(string callId, string agent) =>
        new(callId, "demo-renewals", "lead-" + agent, "+4930123456" + agent[^1], "+49301234***", "+4930000000", "default", TimeSpan.FromSeconds(30), agent, Preview: true, Attempt: 1);

    private sealed class NoOutcomes : IDialOutcomeSink
    {
        public void Report(CallOutcomeReport report)
        {
        }

        public ValueTask<IReadOnlyList<string>> FreeAgentsAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<string>>([]);
    }
}
