using System.Globalization;
using System.Net;
using Cti.Sip.Dialogs;
using Cti.Sip.Messages;
using Cti.Sip.Sdp;
using Cti.Sip.Transport;

namespace Cti.Calls.Legs;

/// <summary>
/// The INVITEs one call sends: built here, kept by token while they ring, and remembered by SIP Call-ID once answered
/// (to ACK a retransmitted 2xx and to find the dialog of an in-dialog request). Used on the call's loop only.
/// </summary>
internal sealed class CalleeLegs(
    string callId,
    SipLegSender sender,
    CallListeners listeners,
    IPAddress mediaAddress,
    int relayLegBPort,
    TimeProvider time,
    Func<CallSignal, bool> post,
    Func<string> acdCallId,
    Action<CalleeLeg> started)
{
    /// <summary>What our dialogs accept, advertised in every INVITE we send.</summary>
    public static readonly string AllowHeader = string.Join(", ", CallController.InDialogMethods.Prepend(SipMethods.Cancel).Prepend(SipMethods.Ack).Prepend(SipMethods.Invite).Distinct());

    private readonly Dictionary<string, CalleeLeg> _ringing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CalleeLeg> _answered = new(StringComparer.Ordinal);
    private readonly SdpSessionVersion _sdpVersion = new();
    private int _tokens;

    public string CallId => callId;

    public SipLegSender Sender => sender;

    public CallListeners Listeners => listeners;

    /// <summary>INVITEs still waiting for their final response.</summary>
    public IReadOnlyCollection<CalleeLeg> Ringing => _ringing.Values;

    public int Count => _ringing.Count;

    public string AcdCallIdNow() => acdCallId();

    /// <summary>
    /// An INVITE to an agent, a transfer target or a line's audio for an agent's own call, offering relay leg B with
    /// the caller's codec.
    /// </summary>
    public CalleeLeg CreateCallee(CalleeKind kind, string? agentId, string target, SipUri requestUri, string toUser, SipEndPoint destination, CallerLeg caller, string? callerNumber, string? callerName, string? queue)
    {
        var offer = new SdpMediaOptions
        {
            Address = mediaAddress,
            RtpPort = relayLegBPort,
            Codecs = [caller.Negotiation.Codec!],
            TelephoneEvents = caller.Negotiation.TelephoneEventPayloadType is not null,
            SessionId = caller.Media.SessionId,
            SessionVersion = _sdpVersion.Next(),
        };
        var invite = new SipRequest(SipMethods.Invite, requestUri.Clone());
        var fromUri = new SipUri("sip", listeners.Domain) { User = callerNumber?.Length > 0 ? callerNumber : "anonymous" };
        var from = new SipNameAddr(fromUri, callerName) { Tag = SipDialog.NewTag() };
        var toHost = kind == CalleeKind.External ? requestUri.Host : listeners.Domain;
        invite.Headers.Add(SipHeaderNames.From, from.ToString());
        invite.Headers.Add(SipHeaderNames.To, new SipNameAddr(new SipUri("sip", toHost) { User = toUser }).ToString());
        invite.Headers.Add(SipHeaderNames.CallId, SipDialog.NewCallId());
        invite.Headers.Add(SipHeaderNames.CSeq, "1 " + SipMethods.Invite);
        invite.Headers.Add(SipHeaderNames.Contact, CallListeners.Contact("cti", destination.Local!, destination.Transport));
        invite.Headers.Add(SipHeaderNames.Allow, AllowHeader);
        invite.Headers.Add(CallController.CallIdHeader, callId);
        if (queue is not null)
        {
            invite.Headers.Add(CallController.QueueHeader, queue);
        }

        SdpBodies.Attach(invite, SdpNegotiator.CreateOffer(offer));
        return Create(kind, agentId, target, invite, destination, offer, acdCallId());
    }

    /// <summary>
    /// An INVITE to a supervisor's phone, offering <paramref name="offer"/> (an endpoint of the call's mixer, not the
    /// relay) and showing whom they will hear.
    /// </summary>
    public CalleeLeg CreateSupervisor(string supervisorId, SipUri requestUri, SipEndPoint destination, SdpMediaOptions offer, string? display, string fromUser = "monitor")
    {
        var invite = new SipRequest(SipMethods.Invite, requestUri.Clone());
        var from = new SipNameAddr(new SipUri("sip", listeners.Domain) { User = fromUser }, display) { Tag = SipDialog.NewTag() };
        var toHost = requestUri.User == supervisorId ? requestUri.Host : listeners.Domain;
        invite.Headers.Add(SipHeaderNames.From, from.ToString());
        invite.Headers.Add(SipHeaderNames.To, new SipNameAddr(new SipUri("sip", toHost) { User = supervisorId }).ToString());
        invite.Headers.Add(SipHeaderNames.CallId, SipDialog.NewCallId());
        invite.Headers.Add(SipHeaderNames.CSeq, "1 " + SipMethods.Invite);
        invite.Headers.Add(SipHeaderNames.Contact, CallListeners.Contact("cti", destination.Local!, destination.Transport));
        invite.Headers.Add(SipHeaderNames.Allow, AllowHeader);
        invite.Headers.Add(CallController.CallIdHeader, callId);
        SdpBodies.Attach(invite, SdpNegotiator.CreateOffer(offer));
        return Create(CalleeKind.Supervisor, null, supervisorId, invite, destination, offer, acdCallId());
    }

    /// <summary>Wraps a built INVITE in a leg with the next token.</summary>
    public CalleeLeg Create(CalleeKind kind, string? agentId, string target, SipRequest invite, SipEndPoint destination, SdpMediaOptions offer, string legAcdCallId) => new()
    {
        Token = callId + "-" + (++_tokens).ToString(CultureInfo.InvariantCulture),
        Kind = kind,
        AgentId = agentId,
        Target = target,
        AcdCallId = legAcdCallId,
        Invite = invite,
        Destination = destination,
        StartedAt = time.GetUtcNow(),
        Offer = offer,
        Sender = sender,
        SdpVersion = _sdpVersion,
    };

    /// <summary>Sends the INVITE; its responses and guard come back to the call's loop.</summary>
    public void Start(CalleeLeg leg, TimeSpan guard)
    {
        _ringing[leg.Token] = leg;
        leg.Start(post, time, guard);
        started(leg);
    }

    public bool TryGet(string token, out CalleeLeg leg) => _ringing.TryGetValue(token, out leg!);

    public bool Remove(string token, out CalleeLeg leg) => _ringing.Remove(token, out leg!);

    /// <summary>Remembers an answered leg by its SIP Call-ID.</summary>
    public void Answered(CalleeLeg leg) => _answered[leg.Dialog!.CallId] = leg;

    public CalleeLeg? AnsweredLeg(string? sipCallId) => sipCallId is not null && _answered.TryGetValue(sipCallId, out var leg) ? leg : null;

    public void CancelAll()
    {
        foreach (var leg in _ringing.Values.ToArray())
        {
            leg.Cancel();
        }
    }

    public void Cancel(Func<CalleeLeg, bool> which)
    {
        foreach (var leg in _ringing.Values.Where(which).ToArray())
        {
            leg.Cancel();
        }
    }
}
