using Cti.Calls;
using Cti.Sip.Messages;
using Cti.Sip.Stack;
using Cti.Sip.Transport;

namespace Cti.Host.SipRouting;

/// <summary>
/// The stack's transaction user: requests inside a call's dialogs go to call control; requests on a listener claimed
/// by an endpoint handler (trunk profiles) go there, everything else to the dispatcher; it sends the answer.
/// </summary>
internal sealed class CtiSipRequestHandler : ISipRequestHandler
{
    private readonly SipRequestDispatcher _dispatcher;
    private readonly ISipEndPointRequestHandler[] _endPointHandlers;
    private readonly CallController? _calls;
    private readonly Registrar.RegisterRequestHandler? _agents;
    private readonly Cti.Platform.Security.AuthFailureTracker? _bans;

    public CtiSipRequestHandler(
        SipRequestDispatcher dispatcher,
        IEnumerable<ISipEndPointRequestHandler> endPointHandlers,
        CallController? calls = null,
        Registrar.RegisterRequestHandler? agents = null,
        Cti.Platform.Security.AuthFailureTracker? bans = null)
    {
        _dispatcher = dispatcher;
        _endPointHandlers = endPointHandlers.ToArray();
        _calls = calls;
        _agents = agents;
        _bans = bans;
    }

    public async ValueTask OnRequestAsync(SipServerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_calls is not null && context.Request.To?.Tag is not null && await _calls.TryDispatchInDialogAsync(context))
        {
            return;
        }

        var local = context.Source.Local;
        var handler = local is null ? null : Array.Find(_endPointHandlers, h => h.Claims(local));
        if (handler is not null && await handler.TryTakeAsync(context, cancellationToken))
        {
            return;
        }

        // A new INVITE from an agent's phone: a call the agent places.
        if (handler is null && _calls is not null && _agents is not null && _bans is not null &&
            context.Request.Method == SipMethods.Invite && context.Request.To?.Tag is null)
        {
            await _calls.AcceptAgentCallAsync(context, _agents, _bans, cancellationToken);
            return;
        }

        var response = handler is not null
            ? await handler.HandleAsync(context.Request, context.Source, cancellationToken)
            : await _dispatcher.DispatchAsync(context.Request, context.Source, cancellationToken);
        if (response is not null)
        {
            await context.RespondAsync(response, cancellationToken);
        }
    }

    public ValueTask OnInvite2xxRetransmissionAsync(SipResponse response, SipEndPoint source, CancellationToken cancellationToken)
    {
        _calls?.OnInvite2xxRetransmission(response, source);
        return ValueTask.CompletedTask;
    }
}
