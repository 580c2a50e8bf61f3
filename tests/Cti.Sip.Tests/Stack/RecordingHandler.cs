using System.Collections.Concurrent;
using Cti.Sip.Messages;
using Cti.Sip.Stack;

namespace Cti.Sip.Tests.Stack;

/// <summary>Answers every request with 200 (or a configured status) and records what it saw.</summary>
internal sealed class RecordingHandler : ISipRequestHandler
{
    public ConcurrentQueue<SipServerContext> Seen { get; } = new();

    public Func<SipServerContext, SipResponse?>? Respond { get; set; }

    public async ValueTask OnRequestAsync(SipServerContext context, CancellationToken cancellationToken)
    {
        Seen.Enqueue(context);
        var response = Respond is null ? context.CreateResponse(200) : Respond(context);
        if (response is not null)
        {
            await context.RespondAsync(response, cancellationToken);
        }
    }
}
