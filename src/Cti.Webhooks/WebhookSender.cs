using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Cti.Events;
using Microsoft.Extensions.Options;

namespace Cti.Webhooks;

/// <summary>
/// Sends one signed request: a single CloudEvent (<c>application/cloudevents+json</c>) or a JSON array of them
/// (<c>application/cloudevents-batch+json</c>). The events are sent as stored, unmasked: a webhook is set up by an
/// admin for a trusted receiver.
/// </summary>
internal sealed class WebhookSender : IDisposable
{
    private readonly HttpClient _client;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;

    public WebhookSender(IOptions<WebhooksOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _timeout = options.Value.RequestTimeout;

        // Redirects are refused: a receiver must not send signed events on to somewhere else. Connections are
        // recycled so a receiver's DNS change is picked up. The timeout is per request, below.
        _client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The <c>webhook-id</c> of a request: the event id, or <c>first-last</c> for a batch.</summary>
    public static string MessageId(IReadOnlyList<EventRecord> events, bool batch) =>
        batch
            ? string.Create(CultureInfo.InvariantCulture, $"{events[0].Seq}-{events[^1].Seq}")
            : events[0].Seq.ToString(CultureInfo.InvariantCulture);

    public static byte[] Body(IReadOnlyList<EventRecord> events, bool batch)
    {
        if (!batch)
        {
            return Encoding.UTF8.GetBytes(events[0].Json);
        }

        var text = new StringBuilder(events.Sum(e => e.Json.Length + 1) + 2).Append('[');
        for (var i = 0; i < events.Count; i++)
        {
            text.Append(i == 0 ? "" : ",").Append(events[i].Json);
        }

        return Encoding.UTF8.GetBytes(text.Append(']').ToString());
    }

    public async Task SendAsync(Uri url, byte[] key, IReadOnlyList<EventRecord> events, bool batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var id = MessageId(events, batch);
        var body = Body(events, batch);
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(batch ? CloudEventNames.BatchMediaType : CloudEventNames.StructuredMediaType) { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(WebhookSigner.IdHeader, id);
        request.Headers.TryAddWithoutValidation(WebhookSigner.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(WebhookSigner.SignatureHeader, WebhookSigner.Sign(key, id, timestamp, body));

        using var timeout = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new WebhookDeliveryException(string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode} from the receiver"));
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WebhookDeliveryException($"no answer within {_timeout.TotalSeconds:0.###} s", ex);
        }
    }

    public void Dispose() => _client.Dispose();
}
