using System.Diagnostics;
using System.Globalization;
using Cti.Webhooks;
using Cti.Webhooks.Tests.TestKit;

// Usage: dotnet run -c Release --project bench/Cti.Webhooks.Benchmarks -- [events=50000] [batchSize=100]
// Commits the events to the log first, then times one subscription catching up from cursor 0 to the end: every
// request signed, sent over loopback HTTP, its signature verified and its JSON parsed by the receiver.
const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50_000;
var batchSize = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;

await using var receiver = await WebhookReceiver.StartAsync(Secret);
await using var rig = new DeliveryRig(new WebhooksOptions { BatchSize = batchSize }, TimeProvider.System);
rig.Publish(count);
rig.Store.Save(DeliveryRig.Subscription("bench", receiver.Url, Secret, batchSize) with { Cursor = 0 }, onlyNew: true);

var clock = Stopwatch.StartNew();
await rig.Dispatcher.StartAsync(CancellationToken.None);
while (rig.Store.Get("bench")!.Cursor < count && clock.Elapsed < TimeSpan.FromMinutes(10))
{
    await Task.Delay(5);
}

clock.Stop();
var requests = receiver.Deliveries.Count;
var invalid = receiver.Deliveries.Count(d => !d.SignatureValid);
var received = receiver.Accepted.Distinct().Count();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{count} events, batch {batchSize}: {clock.Elapsed.TotalSeconds:F2} s, {count / clock.Elapsed.TotalSeconds:F0} events/s, {requests} requests, {received} distinct events received, {invalid} bad signatures"));
return received == count && invalid == 0 ? 0 : 1;
