using System.Net.Http;

namespace Cti.Interop.Tests.Calls;

/// <summary>A plain HTTP client reading the service's server-sent event stream: it collects event ids.</summary>
internal sealed class SseClient(Uri baseAddress, string apiKey) : IAsyncDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>
    /// Opens the stream (resuming after <paramref name="lastEventId"/> when given), reads until
    /// <paramref name="maxEvents"/> events arrived, then disconnects. Returns their ids in arrival order.
    /// </summary>
    public async Task<List<long>> ReadAsync(long? lastEventId, int maxEvents, TimeSpan? timeout = null)
    {
        var ids = new List<long>();
        if (maxEvents <= 0)
        {
            return ids;
        }

        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events");
        request.Headers.Add("X-Api-Key", apiKey);
        request.Headers.Add("Accept", "text/event-stream");
        if (lastEventId is { } last)
        {
            request.Headers.Add("Last-Event-ID", last.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cts.Token);
        using var reader = new StreamReader(stream);
        while (ids.Count < maxEvents && await reader.ReadLineAsync(cts.Token) is { } line)
        {
            if (line.StartsWith("id:", StringComparison.Ordinal))
            {
                ids.Add(long.Parse(line[3..].Trim(), System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return ids;
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}
