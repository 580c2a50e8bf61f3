using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Cti.Cdrs;
using Cti.Events;
using Cti.Host.Tests.Api;
using Cti.Host.Tests.Cdrs;
using Cti.Media.Recording;
using Microsoft.Extensions.DependencyInjection;

namespace Cti.Host.Tests.Security;

/// <summary>
/// /api/v1/recordings over CDRs with recordings: agent 1001 (team blue) on call rec-blue, 1003 (green) on rec-green,
/// and a CDR whose stored path points outside the recordings folder.
/// </summary>
public sealed class RecordingsApiTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private byte[] _blueAudio = [];

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync();
        var folder = _host.App.Services.GetRequiredService<CallRecordingOptions>().Directory;
        Directory.CreateDirectory(folder);
        _blueAudio = WavBytes(32_000 * 3, seed: 7);
        var bluePath = Path.Combine(folder, "rec-blue.wav");
        var greenPath = Path.Combine(folder, "rec-green.wav");
        await File.WriteAllBytesAsync(bluePath, _blueAudio);
        await File.WriteAllBytesAsync(greenPath, WavBytes(32_000, seed: 9));
        var outside = Path.Combine(_host.DataDirectory, "outside.wav");
        await File.WriteAllBytesAsync(outside, WavBytes(1000, seed: 1));

        var writer = _host.App.Services.GetRequiredService<ICdrWriter>();
        Cdr[] cdrs =
        [
            CdrSamples.Answered("rec-blue", 0, queue: "support", agent: "1001") with { RecordingPath = bluePath },
            CdrSamples.Answered("rec-green", 1, queue: "support", agent: "1003") with { RecordingPath = greenPath },
            CdrSamples.Answered("rec-outside", 2, queue: "support", agent: "1001") with { RecordingPath = outside },
            CdrSamples.Abandoned("no-recording", 3) with { RecordingPath = null },
        ];
        foreach (var cdr in cdrs)
        {
            await writer.WriteAsync(cdr, [new CtiEvent(CtiEventTypes.CallEnded) { CallId = cdr.CallId }, CdrEvents.Written(cdr)]);
        }
    }

    public async Task DisposeAsync()
    {
        var directory = _host.DataDirectory;
        await _host.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task List_Qc_EveryRecordingOnDiskWithSizeAndDuration()
    {
        using var client = _host.CreateClient(TestHost.QcKey);

        var page = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/recordings", UriKind.Relative));

        var items = page.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(["rec-blue", "rec-green"], items.Select(i => i.GetProperty("id").GetString()!).ToArray());
        Assert.Equal(_blueAudio.Length, items[0].GetProperty("sizeBytes").GetInt64());
        Assert.Equal(3.0, items[0].GetProperty("durationSeconds").GetDouble(), precision: 3);
        Assert.Equal("1001", items[0].GetProperty("agent").GetString());
        Assert.Equal("support", items[0].GetProperty("queue").GetString());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task List_LimitOne_NextCursorLeadsToSecondPage()
    {
        using var client = _host.CreateClient(TestHost.QcKey);

        var first = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/recordings?limit=1", UriKind.Relative));
        var next = first.GetProperty("next").GetString();
        var second = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/recordings?limit=1&cursor={next}", UriKind.Relative));

        Assert.Equal("rec-blue", first.GetProperty("items")[0].GetProperty("id").GetString());
        Assert.Equal("rec-green", second.GetProperty("items")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task List_Supervisor_OnlyItsTeamsAgents()
    {
        using var client = _host.CreateClient(TestHost.SupervisorKey);

        var page = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/recordings", UriKind.Relative));

        Assert.Equal(["rec-blue"], page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToArray());
    }

    [Fact]
    public async Task Fetch_RangeRequest_206WithThoseBytesAndContentRange()
    {
        using var client = _host.CreateClient(TestHost.QcKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/recordings/rec-blue", UriKind.Relative));
        request.Headers.Range = new RangeHeaderValue(1000, 1999);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes 1000-1999/{_blueAudio.Length}", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(_blueAudio[1000..2000], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Fetch_Whole_200AcceptsRangesAndAudited()
    {
        using var client = _host.CreateClient(TestHost.QcKey);

        using var response = await client.GetAsync(new Uri("/api/v1/recordings/rec-blue", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("bytes", response.Headers.AcceptRanges);
        Assert.Equal(_blueAudio, await response.Content.ReadAsByteArrayAsync());
        using var admin = _host.CreateClient(TestHost.AdminKey);
        var entry = Assert.Single(await RoleMatrixTests.AuditAsync(admin, "recording.fetch"));
        Assert.Equal("test-qc", entry.GetProperty("key").GetString());
        Assert.Equal("qc", entry.GetProperty("roles").GetString());
        Assert.Equal("rec-blue", entry.GetProperty("target").GetString());
        Assert.Equal("succeeded", entry.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Fetch_SupervisorOtherTeamsRecording_403AndDenialAudited()
    {
        using var client = _host.CreateClient(TestHost.SupervisorKey);

        using var response = await client.GetAsync(new Uri("/api/v1/recordings/rec-green", UriKind.Relative));

        await RoleMatrixTests.AssertForbiddenAsync(response);
        using var admin = _host.CreateClient(TestHost.AdminKey);
        var entry = Assert.Single(await RoleMatrixTests.AuditAsync(admin, "recording.fetch"));
        Assert.Equal("denied", entry.GetProperty("outcome").GetString());
    }

    [Theory]
    [InlineData(TestHost.AgentKey)]
    [InlineData(TestHost.IntegratorKey)]
    public async Task Fetch_RoleWithoutRecordings_403(string key)
    {
        using var client = _host.CreateClient(key);

        using var response = await client.GetAsync(new Uri("/api/v1/recordings/rec-blue", UriKind.Relative));

        await RoleMatrixTests.AssertForbiddenAsync(response);
    }

    [Theory]
    [InlineData("..%2F..%2Fcti.db")]
    [InlineData("..%5Ccti.db")]
    [InlineData("rec-blue..")]
    [InlineData("%2Fetc%2Fpasswd")]
    [InlineData("C%3A%5Cwindows")]
    public async Task Fetch_PathLikeId_400(string id)
    {
        using var client = _host.CreateClient(TestHost.QcKey);

        using var response = await client.GetAsync(new Uri($"/api/v1/recordings/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("rec-outside")]
    [InlineData("no-recording")]
    [InlineData("unknown-call")]
    public async Task Fetch_StoredPathOutsideFolderOrNoRecording_404(string id)
    {
        using var client = _host.CreateClient(TestHost.QcKey);

        using var response = await client.GetAsync(new Uri($"/api/v1/recordings/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    // A 44-byte header (as the recorder writes) and a recognisable body, so any byte out of place shows.
    private static byte[] WavBytes(int dataBytes, int seed)
    {
        var bytes = new byte[44 + dataBytes];
        "RIFF"u8.CopyTo(bytes);
        "WAVE"u8.CopyTo(bytes.AsSpan(8));
        for (var i = 44; i < bytes.Length; i++)
        {
            bytes[i] = (byte)((i * seed) % 251);
        }

        return bytes;
    }
}
