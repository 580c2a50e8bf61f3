using System.Text;
using Cti.Dialer.Campaigns;
using Cti.Dialer.Compliance;
using Cti.Dialer.Lists;
using Cti.Campaigns;
using Cti.Platform.Metrics;
using Cti.Platform.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cti.Campaigns.Tests;

public sealed class CampaignServiceTests : IAsyncLifetime
{
    // Tuesday 10:00 in Shanghai: inside the default calling window for +86 numbers.
    private static readonly DateTimeOffset Tuesday10Shanghai = new(2026, 3, 3, 2, 0, 0, TimeSpan.Zero);
    private static readonly LeadColumnMapping Mapping = new() { PhoneColumn = "phone", NameColumn = "name" };

    private readonly string _directory = Directory.CreateTempSubdirectory("cti-dialer-svc-").FullName;
    private readonly FakeTimeProvider _time = new(Tuesday10Shanghai);
    private readonly FakeOutboundAgentSource _agents = new();
    private readonly PendingDialRequestSink _sink = new();
    private SqliteDatabase _database = null!;
    private DialerMetrics _metrics = null!;
    private CampaignService _service = null!;

    public async Task InitializeAsync()
    {
        _database = new SqliteDatabase(_directory, NullLogger<SqliteDatabase>.Instance);
        _metrics = new DialerMetrics(new CtiMetrics().Factory);
        _service = new CampaignService(
            Microsoft.Extensions.Options.Options.Create(new DialerOptions()),
            new SqliteCampaignStore(_database, _time),
            new SqliteLeadStore(_database),
            new SqliteDncStore(_database, _time),
            new SqliteAttemptHistory(_database),
            _sink,
            _agents,
            _metrics,
            new Cti.Numbers.PhoneNumberNormalizer(),
            _time,
            NullLoggerFactory.Instance);
        await _service.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _service.StopAsync(CancellationToken.None);
        _service.Dispose();
        _database.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static CampaignDefinition Campaign(string id) => new()
    {
        Id = id, Queue = "support", Agents = ["1001", "1002"], LineGroups = ["demo-carrier"], CallerId = "+861088880000", InitialState = "running",
    };

    private async Task<CampaignRuntime> CreateWithLeadsAsync(string id, params string[] numbers)
    {
        Assert.Empty(await _service.SaveAsync(Campaign(id), mustBeNew: true, CancellationToken.None));
        var runtime = _service.Find(id)!;
        var csv = "phone,name\n" + string.Join("\n", numbers.Select((n, i) => $"{n},客户{i}")) + "\n";
        var result = await _service.ImportAsync(runtime, new MemoryStream(Encoding.UTF8.GetBytes(csv)), "list1", Mapping, CancellationToken.None);
        Assert.Equal(numbers.Length, result.Accepted.Count);
        return runtime;
    }

    [Fact]
    public async Task RefreshAsync_RunningWithNoAgentLoggedIn_PlacesNoCalls()
    {
        var runtime = await CreateWithLeadsAsync("no-agents", "13812345678", "13912345678");

        await runtime.RefreshAsync(CancellationToken.None);

        var status = await runtime.GetStatusAsync(CancellationToken.None);
        Assert.Equal("running", status.State);
        Assert.Equal(0, status.CallsPlaced);
        Assert.Equal(2, status.LeadsLeft);
        Assert.Equal(0, status.AgentsFree);
        Assert.Empty(_sink.Pending("no-agents"));
    }

    [Fact]
    public async Task RefreshAsync_TwoFreeAgents_PlacesTwoCallsThatStayPending()
    {
        var runtime = await CreateWithLeadsAsync("two-agents", "13812345678", "13912345678", "13712345678");
        _agents.Availability = FakeOutboundAgentSource.Free("1001", "1002");

        await runtime.RefreshAsync(CancellationToken.None);

        var status = await runtime.GetStatusAsync(CancellationToken.None);
        Assert.Equal(2, status.CallsPlaced);
        Assert.Equal(1, status.LeadsLeft);
        Assert.Equal(1.0, status.DialLevel);
        await Eventually.AssertAsync(() => _sink.Pending("two-agents").Count == 2, TimeSpan.FromSeconds(5), "two pending dial requests");
        Assert.All(_sink.Pending("two-agents"), r => Assert.Contains("****", r.MaskedNumber, StringComparison.Ordinal));
        await Eventually.AssertAsync(() => _metrics.PlacedCount("two-agents") == 2, TimeSpan.FromSeconds(5), "placed counter");
    }

    [Fact]
    public async Task ApplyDisposition_DoNotCall_AddsNumberPermanentlyAndLaterDialIsBlocked()
    {
        var first = await CreateWithLeadsAsync("first", "13812345678");
        _agents.Availability = FakeOutboundAgentSource.Free("1001");
        await first.RefreshAsync(CancellationToken.None);
        await Eventually.AssertAsync(() => _sink.Pending("first").Count == 1, TimeSpan.FromSeconds(5), "the first call");
        var call = _sink.Pending("first")[0];

        var outcome = _service.ApplyDisposition(first, call.CallId, null, "1001", DispositionKind.DoNotCall, null, TimeSpan.FromSeconds(60));

        Assert.NotNull(outcome);
        Assert.True(outcome.AddedToDoNotCall);
        Assert.Equal(DncSources.Disposition, _service.Dnc.Find("+8613812345678")!.Source);
        Assert.False(_service.Dnc.Remove("+8613812345678"));
        Assert.Equal(nameof(LeadStatus.DoNotCall), _service.Leads.Find("first", call.LeadId)!.State);

        var second = await CreateWithLeadsAsync("second", "+86 138 1234 5678");
        await second.RefreshAsync(CancellationToken.None);

        var status = await second.GetStatusAsync(CancellationToken.None);
        Assert.Equal(0, status.CallsPlaced);
        Assert.Equal(1, status.BlocksByPolicy[CompliancePolicies.DoNotCall]);
        Assert.Empty(_sink.Pending("second"));
        Assert.Equal(1, _metrics.BlockCount("second", CompliancePolicies.DoNotCall));
    }

    [Fact]
    public async Task ImportAsync_NumberAlreadyInCampaign_CountsCampaignDuplicate()
    {
        var runtime = await CreateWithLeadsAsync("dupes", "13812345678");

        var result = await _service.ImportAsync(runtime, new MemoryStream(Encoding.UTF8.GetBytes("phone\n+8613812345678\n13912345678\n")), "list2", Mapping, CancellationToken.None);

        Assert.Single(result.Accepted);
        Assert.Equal(1, result.DuplicatesInCampaign);
        Assert.Equal(2, _service.Leads.Count("dupes"));
    }

    [Fact]
    public async Task StartAsync_AfterRestart_ResumesStoredStateAndSkipsFinishedLeads()
    {
        var runtime = await CreateWithLeadsAsync("resume", "13812345678", "13912345678");
        Assert.True(_service.SetState("resume", CampaignRunState.Paused));
        var firstLead = _service.Leads.GetLeads("resume")[0].LeadId;
        _service.Leads.UpdateStates("resume", [new LeadStateUpdate(firstLead, nameof(LeadStatus.DoNotCall), 1, null, null, null)]);
        await runtime.RefreshAsync(CancellationToken.None);
        await _service.StopAsync(CancellationToken.None);

        await _service.StartAsync(CancellationToken.None);

        var status = await _service.Find("resume")!.GetStatusAsync(CancellationToken.None);
        Assert.Equal("paused", status.State);
        Assert.Equal(1, status.LeadsLeft);
    }
}
