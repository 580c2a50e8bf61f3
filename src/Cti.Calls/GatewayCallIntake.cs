using Cti.Gateways.Hosting;
using Cti.Gateways.Lines;
using Cti.Trunks;
using Microsoft.Extensions.Hosting;

namespace Cti.Calls;

/// <summary>
/// Turns RING/+CLIP on a gateway line into an inbound call queued in the line's <c>Queue</c>, with the caller id in
/// E.164 (read in the dialer's default region) so last-agent routing works. A line without a queue takes no inbound
/// calls: the ringing call is rejected at once (hung up), so the caller is not left listening to endless ringback.
/// </summary>
internal sealed partial class GatewayCallIntake(CallFactory calls, IGatewayLineRegistry gateways, Cti.Numbers.PhoneNumberNormalizer numbers, ILogger<GatewayCallIntake> logger) : IHostedService
{
    private readonly List<(IGatewayLine Line, EventHandler<GatewayIncomingCallEventArgs> Handler)> _subscriptions = [];
    private volatile bool _stopping;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var line in gateways.Lines)
        {
            EventHandler<GatewayIncomingCallEventArgs> handler = (_, e) => OnIncoming(line, e);
            line.IncomingCall += handler;
            _subscriptions.Add((line, handler));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        foreach (var (line, handler) in _subscriptions)
        {
            line.IncomingCall -= handler;
        }

        _subscriptions.Clear();
        return Task.CompletedTask;
    }

    /// <summary>Runs on the line's loop: kept short (the session does its work on its own loop).</summary>
    internal void OnIncoming(IGatewayLine line, GatewayIncomingCallEventArgs call)
    {
        if (_stopping)
        {
            return;
        }

        if (string.IsNullOrEmpty(call.Queue))
        {
            Log.NoQueue(logger, line.Name);
            _ = RejectAsync(line);
            return;
        }

        var caller = numbers.ToE164(call.CallerNumber);
        if (!calls.GatewayInbound(line, call.Queue, caller))
        {
            _ = RejectAsync(line);
        }
    }

    private async Task RejectAsync(IGatewayLine line)
    {
        var result = await line.HangupAsync(CancellationToken.None);
        if (!result.Succeeded)
        {
            Log.RejectFailed(logger, line.Name, result.Error ?? "unknown");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5411, Level = LogLevel.Warning, Message = "Gateway line {Line} has no queue for inbound calls; the ringing call is rejected")]
        public static partial void NoQueue(ILogger logger, string line);

        [LoggerMessage(EventId = 5412, Level = LogLevel.Warning, Message = "Rejecting the ringing call on gateway line {Line} failed: {Error}")]
        public static partial void RejectFailed(ILogger logger, string line, string error);
    }
}
