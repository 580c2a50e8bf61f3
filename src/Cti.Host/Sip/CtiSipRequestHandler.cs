using Cti.Sip.Stack;

namespace Cti.Host.Sip;

/// <summary>
/// The stack's transaction user: requests on a listener claimed by an endpoint handler (trunk profiles) go there,
/// everything else to the dispatcher; it sends the answer.
/// </summary>
internal sealed class CtiSipRequestHandler : ISipRequestHandler
{
    private readonly SipRequestDispatcher _dispatcher;
    private readonly ISipEndPointRequestHandler[] _endPointHandlers;

    public CtiSipRequestHandler(SipRequestDispatcher dispatcher, IEnumerable<ISipEndPointRequestHandler> endPointHandlers)
    {
        _dispatcher = dispatcher;
        _endPointHandlers = endPointHandlers.ToArray();
    }

    public async ValueTask OnRequestAsync(SipServerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var local = context.Source.Local;
        var handler = local is null ? null : Array.Find(_endPointHandlers, h => h.Claims(local));
        var response = handler is not null
            ? await handler.HandleAsync(context.Request, context.Source, cancellationToken)
            : await _dispatcher.DispatchAsync(context.Request, context.Source, cancellationToken);
        if (response is not null)
        {
            await context.RespondAsync(response, cancellationToken);
        }
    }
}
