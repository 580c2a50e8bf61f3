using Cti.Registrar;
using Cti.Sip.Stack;
using Microsoft.Extensions.Options;

namespace Cti.Host.SipRouting;

/// <summary>Binds the SIP listeners at start and closes them first at shutdown (before the registrar stops).</summary>
internal sealed partial class SipListenerService : IHostedService
{
    private readonly SipStack _stack;
    private readonly CtiSipRequestHandler _handler;
    private readonly SipListenerStatus _status;
    private readonly SipOptions _options;
    private readonly ILogger<SipListenerService> _logger;

    public SipListenerService(SipStack stack, CtiSipRequestHandler handler, SipListenerStatus status, IOptions<SipOptions> options, ILogger<SipListenerService> logger)
    {
        _stack = stack;
        _handler = handler;
        _status = status;
        _options = options.Value;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _stack.StartAsync(SipStackFactory.ListenEndPoints(_options), _handler, cancellationToken);
        // The stack logs each bound endpoint itself.
        _status.MarkListening(_stack.BoundEndPoints.Select(e => e.ToString()).ToArray());
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _status.MarkStopped();
        await _stack.DisposeAsync();
        Log.Stopped(_logger);
    }
}
