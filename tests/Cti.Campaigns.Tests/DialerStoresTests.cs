using Cti.Dialer.Campaigns;
using Cti.Dialer.Lists;
using Cti.Numbers;
using Cti.Campaigns;
using Cti.Platform.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cti.Campaigns.Tests;

public sealed class DialerStoresTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 3, 2, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("cti-dialer-store-").FullName;
    private readonly FakeTimeProvider _time = new(Start);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private SqliteDatabase Open() => new(_directory, NullLogger<SqliteDatabase>.Instance);

    private static Lead MakeLead(string id, string e164, string? name, Dictionary<string, string>? fields = null) =>
        new(id, "list-a", "spring", new NormalizedPhoneNumber(e164, "CN", PhoneNumberKind.Mobile), name, fields ?? [], 2, 7);

    [Fact]
    public void SqliteLeadStore_AddRangeThenReopen_ReadsSameLeadsInOrder()
    {
        var a = MakeLead("list-a:2", "+8613812345678", "张伟", new Dictionary<string, string> { ["insurance_expiry"] = "2026-05-01" });
        var b = MakeLead("list-a:3", "+8613912345678", null);
        using (var database = Open())
        {
            new SqliteLeadStore(database).AddRange("camp", [a, b]);
        }

        using var reopened = Open();
        var store = new SqliteLeadStore(reopened);
        var loaded = store.GetLeads("camp");

        Assert.Equal(2, loaded.Count);
        Assert.Equal(a.LeadId, loaded[0].LeadId);
        Assert.Equal("张伟", loaded[0].Name);
        Assert.Equal("2026-05-01", loaded[0].Fields["insurance_expiry"]);
        Assert.Equal(a.Phone, loaded[0].Phone);
        Assert.Null(loaded[1].Name);
        Assert.True(store.ContainsNumber("camp", "+8613912345678"));
        Assert.False(store.ContainsNumber("other", "+8613912345678"));
        Assert.True(store.ListExists("camp", "list-a"));
        Assert.Empty(store.GetLeads("other"));
    }

    [Fact]
    public void SqliteLeadStore_UpdateStates_FinalLeadsLeaveOpenSetAndStateIsKept()
    {
        using var database = Open();
        var store = new SqliteLeadStore(database);
        store.AddRange("camp", [MakeLead("l1", "+8613812345678", "a"), MakeLead("l2", "+8613912345678", "b")]);
        var due = Start.AddHours(2);

        store.UpdateStates("camp",
        [
            new LeadStateUpdate("l1", nameof(LeadStatus.Success), 2, null, nameof(CallOutcome.AnsweredLive), null),
            new LeadStateUpdate("l2", nameof(LeadStatus.Callback), 1, due, nameof(CallOutcome.AnsweredLive), "1003"),
        ]);

        Assert.Equal(["l2"], store.GetOpenLeads("camp").Select(l => l.LeadId));
        var row = store.Find("camp", "l2")!;
        Assert.Equal(nameof(LeadStatus.Callback), row.State);
        Assert.Equal(1, row.Attempts);
        Assert.Equal(due, row.NextDueAt);
        Assert.Equal("1003", row.CallbackAgentId);
        Assert.Equal(2, store.Count("camp"));
    }

    [Fact]
    public void SqliteDncStore_DispositionEntry_CannotBeRemovedButOthersCan()
    {
        using var database = Open();
        var store = new SqliteDncStore(database, _time);
        store.Add("+8613812345678", DncSources.Import);
        store.Add("+8613812345678", DncSources.Disposition);
        store.Add("+8613912345678", DncSources.Api);

        Assert.True(store.Contains("+8613812345678"));
        Assert.Equal(DncSources.Disposition, store.Find("+8613812345678")!.Source);
        Assert.Equal(Start, store.Find("+8613912345678")!.AddedAt);
        Assert.False(store.Remove("+8613812345678"));
        Assert.True(store.Contains("+8613812345678"));
        Assert.True(store.Remove("+8613912345678"));
        Assert.False(store.Contains("+8613912345678"));
    }

    [Fact]
    public void SqliteDncStore_LaterNonDispositionSource_DoesNotDowngrade()
    {
        using var database = Open();
        var store = new SqliteDncStore(database, _time);
        store.Add("+8613812345678", DncSources.Disposition);
        store.Add("+8613812345678", DncSources.Import);

        Assert.Equal(DncSources.Disposition, store.Find("+8613812345678")!.Source);
    }

    [Fact]
    public void SqliteAttemptHistory_BufferedAttempts_CountBeforeAndAfterFlushAndSurviveReopen()
    {
        using (var database = Open())
        {
            var history = new SqliteAttemptHistory(database);
            history.RecordAttempt("l1", "+8613812345678", Start);
            history.RecordAttempt("l1", "+8613812345678", Start.AddHours(1));
            history.RecordAttempt("l2", "+8613912345678", Start);
            Assert.Equal(2, history.CountAttemptsForNumberSince("+8613812345678", Start));
            Assert.Equal(3, history.Flush());
            Assert.Equal(0, history.PendingCount);
            Assert.Equal(1, history.CountAttemptsForNumberSince("+8613812345678", Start.AddMinutes(30)));
            history.RecordAbandoned("+8613812345678", Start.AddHours(2));
            history.MarkInvalid("+8613912345678", 404);
        }

        using var reopened = Open();
        var again = new SqliteAttemptHistory(reopened);
        Assert.Equal(2, again.CountAttemptsForNumberSince("+8613812345678", Start));
        Assert.Equal(Start.AddHours(2), again.LastAbandoned("+8613812345678"));
        Assert.Null(again.LastAbandoned("+8613912345678"));
        Assert.True(again.IsInvalid("+8613912345678"));
        Assert.False(again.IsInvalid("+8613812345678"));
    }

    [Fact]
    public void SqliteCampaignStore_SaveStatusAndAudit_RoundTrip()
    {
        using var database = Open();
        var store = new SqliteCampaignStore(database, _time);
        var definition = new CampaignDefinition { Id = "c1", CallerId = "+861088880000", LineGroups = ["g"], Queue = "support", WindowDays = ["Monday"] };
        store.Save(definition, "paused", SqliteCampaignStore.OriginApi);
        store.SaveStatus("c1", "running");
        store.AuditExport("c1", "exporter", 12);

        var loaded = Assert.Single(store.LoadAll());
        Assert.Equal("running", loaded.Status);
        Assert.Equal(["g"], loaded.Definition.LineGroups);
        Assert.Equal(["Monday"], loaded.Definition.WindowDays);
        Assert.Equal(("c1", "exporter", Start, 12), Assert.Single(store.GetExportAudit()));
        Assert.True(store.Delete("c1"));
        Assert.Empty(store.LoadAll());
    }
}
