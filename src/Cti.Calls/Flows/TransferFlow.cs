using System.Text;
using Cti.Cdrs;
using Cti.Calls.Legs;
using Cti.Acd;
using Cti.Routing.Engine;
using Cti.Sip.Dialogs;
using Cti.Sip.Messages;
using Cti.Sip.Stack;

namespace Cti.Calls.Flows;

/// <summary>
/// Blind transfer (RFC 3515) of any call by its connected callee, and the ways back to a queue: 202, NOTIFY 100, then
/// the transferor is released (NOTIFY 200, BYE, wrap-up) and the caller, on music, goes to the target: a queue (queued
/// again), an agent (reserved in the ACD and rung) or an outside number (rung through the caller's trunk). A failed
/// agent or number puts the caller back in the queue.
/// </summary>
internal sealed partial class TransferFlow(CallSession call, AcdEngine acd, RoutingConfigState routing, CallMetrics metrics, TimeSpan ringTimeout, ILogger logger)
{
    public async Task OnReferAsync(SipServerContext context, SipDialog dialog)
    {
        var request = context.Request;
        if (request.Headers.Get(SipHeaderNames.ReferTo) is { } withReplaces && withReplaces.Contains("Replaces=", StringComparison.OrdinalIgnoreCase))
        {
            // A phone's own attended transfer (RFC 3891) would join two calls Cti anchors apart; refused rather than
            // taken as a blind transfer that would call the target a second time.
            await context.RespondAsync(context.CreateResponse(501, "Transfer with Replaces not supported"));
            return;
        }

        if (call.Connected is not { } leg || leg.Dialog != dialog || request.Headers.Get(SipHeaderNames.ReferTo) is not { } referTo ||
            !TryReadReferTarget(referTo, out var target))
        {
            await context.RespondAsync(context.CreateResponse(400, "Missing or invalid Refer-To"));
            return;
        }

        var accepted = context.CreateResponse(202, "Accepted");
        accepted.Headers.Add(SipHeaderNames.Contact, dialog.LocalContact);
        await context.RespondAsync(accepted);
        SendReferNotify(dialog, "SIP/2.0 100 Trying", terminated: false);

        // Blind transfer: the transferor is done as soon as the transfer is accepted.
        SendReferNotify(dialog, "SIP/2.0 200 OK", terminated: true);
        TransferConnected(leg, target);
    }

    /// <summary>
    /// Blind transfer of the connected callee's call to <paramref name="target"/> (a queue, an agent id or extension,
    /// or a number): the callee is released (BYE, wrap-up) and the caller goes on to the target. Returns the kind of
    /// target.
    /// </summary>
    public string TransferConnected(CalleeLeg leg, string target)
    {
        var kind = Classify(target, out var resolved);
        var now = Note(leg.AgentId, resolved, kind);

        call.Sender.SendBye(leg.Dialog!, Q850Causes.NormalClearing);
        call.AcdLink.LegEnded(leg, callerHungUp: false);
        call.Record.HoldsCleared(now);
        call.DetachCallee();
        switch (kind)
        {
            case TransferKinds.Queue:
                Requeue(resolved);
                break;
            case TransferKinds.Agent:
                call.NewAcdSegment();
                acd.Post(new ReserveAgentForOutbound(resolved, call.AcdCallId, Direct: true));
                break;
            default:
                RingExternal(resolved);
                break;
        }

        return kind;
    }

    /// <summary>Rings an outside number through the caller's trunk; a call without one (a line's) goes back to its queue.</summary>
    public void RingExternal(string number, TimeSpan? timeout = null)
    {
        var trunk = call.Route.Trunk;
        if (trunk.Peers.Count == 0)
        {
            RequeueAfterFailure();
            return;
        }

        var peer = trunk.Peers[0];
        var uri = new SipUri("sip", peer.Remote.Address.ToString()) { User = number, Port = peer.Remote.Port };
        var leg = call.CreateCalleeLeg(CalleeKind.External, agentId: null, number, uri, number, call.Legs.Listeners.From(trunk.Profile, peer));
        call.Legs.Start(leg, timeout ?? ringTimeout);
    }

    /// <summary>The transfer target did not answer: back to the queue the caller came from.</summary>
    public void RequeueAfterFailure()
    {
        if (!call.IsWaiting)
        {
            return;
        }

        Log.TransferFailed(logger, call.Id);
        Requeue(call.Queue ?? call.Route.Queue);
    }

    private void Requeue(string queue)
    {
        call.NewAcdSegment();
        call.Queue = queue;
        call.AcdWaiting = true;
        acd.Post(new CallArrived(call.AcdCallId, queue, call.Route.Caller));
    }

    /// <summary>A transfer step for the CDR, the <c>call.transferred</c> event and the metrics.</summary>
    public DateTimeOffset Note(string? fromAgent, string target, string kind)
    {
        var now = call.Record.Transferred(fromAgent, target, kind);
        metrics.Transferred(kind);
        Log.Transferring(logger, call.Id, kind);
        return now;
    }

    /// <summary>What <paramref name="target"/> is: a queue, an agent (by id or extension) or a number (in E.164).</summary>
    public string Classify(string target, out string resolved)
    {
        var config = routing.Current;
        if (config.Queues.Any(q => q.Id == target))
        {
            resolved = target;
            return TransferKinds.Queue;
        }

        var agent = config.Agents.FirstOrDefault(a => a.Id == target || a.Extensions.Contains(target));
        if (agent is not null)
        {
            resolved = agent.Id;
            return TransferKinds.Agent;
        }

        resolved = call.Route.Trunk.Numbers.ToE164(target) ?? target;
        return TransferKinds.External;
    }

    private static bool TryReadReferTarget(string referTo, out string target)
    {
        target = string.Empty;
        SipUri? uri = null;
        if (SipNameAddr.TryParse(referTo, out var nameAddr))
        {
            uri = nameAddr.Uri;
        }
        else if (SipUri.TryParse(referTo.Trim(), out var bare))
        {
            uri = bare;
        }

        var user = uri?.User;
        if (string.IsNullOrEmpty(user) || user.Length > 64 || !user.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '_' or '.'))
        {
            return false;
        }

        target = user;
        return true;
    }

    private void SendReferNotify(SipDialog dialog, string sipFrag, bool terminated)
    {
        var notify = dialog.CreateRequest(SipMethods.Notify);
        notify.Headers.Add(SipHeaderNames.Event, "refer");
        notify.Headers.Add(SipHeaderNames.SubscriptionState, terminated ? "terminated;reason=noresource" : "active;expires=60");
        notify.Headers.Add(SipHeaderNames.ContentType, "message/sipfrag;version=2.0");
        notify.Body = Encoding.ASCII.GetBytes(sipFrag + "\r\n");
        _ = call.Sender.SendQuietlyAsync(notify, dialog.Flow);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5014, Level = LogLevel.Information, Message = "Call {CallId}: transferred to a {Kind}")]
        public static partial void Transferring(ILogger logger, string callId, string kind);

        [LoggerMessage(EventId = 5015, Level = LogLevel.Information, Message = "Call {CallId}: the transfer target did not answer; back to the queue")]
        public static partial void TransferFailed(ILogger logger, string callId);
    }
}
