using Cti.Gateways.Lines;

namespace Cti.Calls.Legs;

/// <summary>
/// What a call does with a gateway line off its loop: the AT dial (it lasts as long as the ringing) and the hang-up.
/// Results come back to the loop as signals; failures are logged, never thrown at it.
/// </summary>
internal sealed partial class GatewayLineCalls(string callId, ILogger logger)
{
    /// <summary>Runs the dial and posts its result; an answered line whose call has gone is hung up at once.</summary>
    public async Task DialAsync(IGatewayLine line, string number, TimeSpan ringTimeout, CancellationTokenSource cancel, Func<GatewayDialResult, CallSignal> toSignal, Func<CallSignal, bool> post)
    {
        GatewayDialResult result;
        try
        {
            result = await line.DialAsync(number, ringTimeout, cancel.Token);
        }
        catch (ArgumentException)
        {
            // Not an E.164 number the module can dial.
            result = new GatewayDialResult(GatewayDialOutcome.NoCarrier, "Invalid number format");
        }
#pragma warning disable CA1031 // Whatever failed, the call must learn the attempt is over.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.GatewayDialFailed(logger, callId, line.Name, ex);
            result = new GatewayDialResult(GatewayDialOutcome.LineFailure);
        }
        finally
        {
            cancel.Dispose();
        }

        if (!post(toSignal(result)) && result.IsAnswered)
        {
            // The call is already gone: do not leave the customer on an open line.
            _ = line.HangupAsync(CancellationToken.None);
        }
    }

    public async Task HangUpQuietlyAsync(IGatewayLine line)
    {
        var result = await line.HangupAsync(CancellationToken.None);
        if (!result.Succeeded)
        {
            Log.GatewayHangupFailed(logger, callId, line.Name, result.Error ?? "unknown");
        }
    }

    /// <summary>Stops a line dial still in progress; once the dial has finished its source is disposed, which is fine.</summary>
    public static void CancelDial(ref Action? cancel)
    {
        if (cancel is { } dial)
        {
            cancel = null;
            try
            {
                dial();
            }
            catch (ObjectDisposedException)
            {
                // The dial had already finished.
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5403, Level = LogLevel.Error, Message = "Call {CallId}: dialling on gateway line {Line} failed")]
        public static partial void GatewayDialFailed(ILogger logger, string callId, string line, Exception exception);

        [LoggerMessage(EventId = 5409, Level = LogLevel.Warning, Message = "Call {CallId}: hanging up gateway line {Line} failed: {Error}")]
        public static partial void GatewayHangupFailed(ILogger logger, string callId, string line, string error);
    }
}
