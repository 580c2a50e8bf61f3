using System.Collections.Concurrent;
using Cti.Sip.Messages;
using Cti.Sip.Transport;

namespace Cti.Sip.Tests.Transactions;

/// <summary>Captures every send with the fake clock's time.</summary>
internal sealed class FakeSipTransport(TimeProvider time) : ISipTransport
{
    private readonly DateTimeOffset _start = time.GetUtcNow();

    public ConcurrentQueue<(SipMessage Message, SipEndPoint Destination, long AtMs)> Sent { get; } = new();

    public bool Fail { get; set; }

    public ValueTask SendAsync(SipMessage message, SipEndPoint destination, CancellationToken cancellationToken)
    {
        if (Fail)
        {
            throw new IOException("unreachable");
        }

        Sent.Enqueue((message, destination, (long)(time.GetUtcNow() - _start).TotalMilliseconds));
        return ValueTask.CompletedTask;
    }

    public long[] TimesOf(Func<SipMessage, bool> filter) => Sent.Where(s => filter(s.Message)).Select(s => s.AtMs).ToArray();

    public SipResponse[] Responses() => Sent.Select(s => s.Message).OfType<SipResponse>().ToArray();

    public SipRequest[] Requests() => Sent.Select(s => s.Message).OfType<SipRequest>().ToArray();
}
