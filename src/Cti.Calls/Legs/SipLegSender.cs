using System.Globalization;
using Cti.Sip.Dialogs;
using Cti.Sip.Messages;
using Cti.Sip.Stack;
using Cti.Sip.Transport;

namespace Cti.Calls.Legs;

/// <summary>
/// Sends what the legs of one call send (INVITE, ACK, BYE, CANCEL, NOTIFY, re-INVITE); a failed send is logged, never
/// thrown at the call's loop, because the dialog's other side times out on its own.
/// </summary>
internal sealed partial class SipLegSender(SipStack stack, string callId, ILogger logger)
{
    public SipStack Stack => stack;

    public async Task SendAckAsync(SipDialog dialog, uint inviteCSeq, SipEndPoint destination)
    {
        try
        {
            await stack.SendAckAsync(dialog.CreateAck(inviteCSeq), destination);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            Log.SendFailed(logger, callId, SipMethods.Ack, ex);
        }
    }

    public void SendBye(SipDialog dialog, int q850)
    {
        var bye = dialog.CreateRequest(SipMethods.Bye);
        bye.Headers.Add(SipHeaderNames.Reason, "Q.850;cause=" + q850.ToString(CultureInfo.InvariantCulture));
        _ = SendQuietlyAsync(bye, dialog.Flow);
    }

    /// <summary>CANCELs an INVITE still in flight (RFC 3261 §9.1: same Via, Route, From, To, Call-ID and CSeq number).</summary>
    public void SendCancel(SipRequest invite, SipEndPoint destination)
    {
        var cancel = new SipRequest(SipMethods.Cancel, invite.RequestUri.Clone());
        cancel.Headers.Add(SipHeaderNames.Via, invite.TopVia!.ToString());
        foreach (var route in invite.Headers.GetAll(SipHeaderNames.Route))
        {
            cancel.Headers.Add(SipHeaderNames.Route, route);
        }

        cancel.Headers.Add(SipHeaderNames.MaxForwards, "70");
        cancel.Headers.Add(SipHeaderNames.From, invite.Headers.Get(SipHeaderNames.From)!);
        cancel.Headers.Add(SipHeaderNames.To, invite.Headers.Get(SipHeaderNames.To)!);
        cancel.Headers.Add(SipHeaderNames.CallId, invite.CallId!);
        cancel.Headers.Add(SipHeaderNames.CSeq, invite.CSeq!.Number.ToString(CultureInfo.InvariantCulture) + " " + SipMethods.Cancel);
        _ = SendQuietlyAsync(cancel, destination);
    }

    public async Task SendQuietlyAsync(SipRequest request, SipEndPoint destination)
    {
        try
        {
            await stack.SendRequestAsync(request, destination);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            Log.SendFailed(logger, callId, request.Method, ex);
        }
    }

    /// <summary>Sends a request inside a dialog and returns its final response; null when sending failed.</summary>
    public async Task<SipResponse?> SendInDialogAsync(SipRequest request, SipEndPoint destination)
    {
        try
        {
            return await stack.SendRequestAsync(request, destination);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            Log.SendFailed(logger, callId, request.Method, ex);
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5012, Level = LogLevel.Warning, Message = "Call {CallId}: sending {Method} failed")]
        public static partial void SendFailed(ILogger logger, string callId, string method, Exception exception);
    }
}
