using Cti.Sip.Stack;

namespace Cti.Host.Sip;

/// <summary>The stack's transaction user: hands each new request to the dispatcher and sends its answer.</summary>
internal sealed class CtiSipRequestHandler : ISipRequestHandler
{
    private readonly SipRequestDispatcher _dispatcher;

    public CtiSipRequestHandler(SipRequestDispatcher dispatcher) => _dispatcher = dispatcher;

    public async ValueTask OnRequestAsync(SipServerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = await _dispatcher.DispatchAsync(context.Request, context.Source, cancellationToken);
        if (response is not null)
        {
            await context.RespondAsync(response, cancellationToken);
        }
    }
}
