using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Cti.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cti.Webhooks.Tests.TestKit;

/// <summary>
/// A real HTTP receiver on 127.0.0.1 (Kestrel) that checks every request's Standard Webhooks signature and keeps
/// what it got. It can answer with a failure status, and be stopped and started again on the same port.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly byte[] _key;
    private WebApplication? _app;

    private WebhookReceiver(string secret) => _key = WebhookSecret.Parse(secret);

    public int Port { get; private set; }

    public Uri Url => new($"http://127.0.0.1:{Port}/hook");

    /// <summary>Status answered to every request; 200 by default.</summary>
    public int Status { get; set; } = StatusCodes.Status200OK;

    /// <summary>How long the receiver takes before it reads a request: a slow receiver.</summary>
    public TimeSpan Delay { get; set; }

    public ConcurrentQueue<Delivery> Deliveries { get; } = new();

    /// <summary>Sequence numbers in order of arrival, duplicates included, of deliveries answered 2xx.</summary>
    public IReadOnlyList<long> Accepted => [.. Deliveries.Where(d => d.Status < 300).SelectMany(d => d.Sequences)];

    public static async Task<WebhookReceiver> StartAsync(string secret, int port = 0)
    {
        var receiver = new WebhookReceiver(secret);
        await receiver.StartAsync(port);
        return receiver;
    }

    public async Task StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port == 0 ? Port : port));
        var app = builder.Build();
        app.MapPost("/hook", ReceiveAsync);
        await app.StartAsync();
        Port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        _app = app;
    }

    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, request.HttpContext.RequestAborted);
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var id = request.Headers[WebhookSigner.IdHeader].ToString();
        var timestamp = long.Parse(request.Headers[WebhookSigner.TimestampHeader].ToString(), CultureInfo.InvariantCulture);
        var valid = WebhookSigner.Verify(_key, id, timestamp, body, request.Headers[WebhookSigner.SignatureHeader].ToString());
        using var json = JsonDocument.Parse(body);
        var events = json.RootElement.ValueKind == JsonValueKind.Array ? json.RootElement.EnumerateArray().ToArray() : [json.RootElement];
        var sequences = events.Select(e => long.Parse(e.GetProperty("id").GetString()!, CultureInfo.InvariantCulture)).ToArray();
        var status = valid ? Status : StatusCodes.Status401Unauthorized;
        Deliveries.Enqueue(new Delivery(id, timestamp, valid, request.ContentType ?? "", sequences, [.. events.Select(e => e.GetProperty("type").GetString()!)], status));
        return Results.StatusCode(status);
    }

    public sealed record Delivery(string Id, long Timestamp, bool SignatureValid, string ContentType, long[] Sequences, string[] Types, int Status);
}
