using System.Globalization;
using Cti.Sip.Messages;
using Cti.Sip.Transactions;
using Cti.Sip.Transport;

namespace Cti.Sip.Dialogs;

/// <summary>
/// One side's view of an INVITE dialog (RFC 3261 §12): identifiers, route set, remote target and CSeq spaces. Builds
/// the in-dialog requests this side sends and checks the ones it receives. Requests go to <see cref="Flow"/>, the
/// transport flow the dialog was set up on, rather than to a DNS lookup of the remote target, so phones behind NAT
/// keep working (the RFC 5626 idea, without the outbound extension).
/// </summary>
/// <remarks>Not thread-safe: one call's loop owns its dialogs.</remarks>
public sealed class SipDialog
{
    private readonly List<SipNameAddr> _routeSet;

    private SipDialog(string callId, SipNameAddr localParty, SipNameAddr remoteParty, SipUri remoteTarget, List<SipNameAddr> routeSet, uint localCSeq, uint? remoteCSeq, SipEndPoint flow, string localContact)
    {
        CallId = callId;
        LocalParty = localParty;
        RemoteParty = remoteParty;
        RemoteTarget = remoteTarget;
        _routeSet = routeSet;
        LocalCSeq = localCSeq;
        RemoteCSeq = remoteCSeq;
        Flow = flow;
        LocalContact = localContact;
    }

    public string CallId { get; }

    /// <summary>Our identity (From of the requests we send), with our tag.</summary>
    public SipNameAddr LocalParty { get; }

    /// <summary>The peer's identity (To of the requests we send), with its tag.</summary>
    public SipNameAddr RemoteParty { get; }

    public string LocalTag => LocalParty.Tag ?? string.Empty;

    public string RemoteTag => RemoteParty.Tag ?? string.Empty;

    /// <summary>The peer's Contact: the Request-URI of our in-dialog requests.</summary>
    public SipUri RemoteTarget { get; private set; }

    public IReadOnlyList<SipNameAddr> RouteSet => _routeSet;

    /// <summary>The CSeq number of the last request we sent.</summary>
    public uint LocalCSeq { get; private set; }

    /// <summary>The CSeq number of the last request the peer sent, when it has sent one.</summary>
    public uint? RemoteCSeq { get; private set; }

    /// <summary>Where in-dialog requests are sent: the peer's address and the local listener the dialog uses.</summary>
    public SipEndPoint Flow { get; private set; }

    /// <summary>Our Contact header value.</summary>
    public string LocalContact { get; }

    /// <summary>The dialog a UAS creates by answering <paramref name="invite"/> with a 1xx/2xx carrying <paramref name="localTag"/>.</summary>
    public static SipDialog CreateAsUas(SipRequest invite, string localTag, SipEndPoint source, string localContact)
    {
        ArgumentNullException.ThrowIfNull(invite);
        ArgumentNullException.ThrowIfNull(source);
        var local = (invite.To ?? throw new ArgumentException("The INVITE has no To.", nameof(invite))).Clone();
        local.Tag = localTag;
        var remote = (invite.From ?? throw new ArgumentException("The INVITE has no From.", nameof(invite))).Clone();
        var target = FirstContact(invite)?.Clone() ?? remote.Uri.Clone();
        return new SipDialog(
            invite.CallId ?? throw new ArgumentException("The INVITE has no Call-ID.", nameof(invite)),
            local,
            remote,
            target,
            invite.RecordRoutes.Select(r => r.Clone()).ToList(),
            localCSeq: 0,
            remoteCSeq: invite.CSeq?.Number,
            source,
            localContact);
    }

    /// <summary>The dialog a UAC gets from a 2xx to its <paramref name="invite"/>.</summary>
    public static SipDialog CreateAsUac(SipRequest invite, SipResponse response, SipEndPoint destination, string localContact)
    {
        ArgumentNullException.ThrowIfNull(invite);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(destination);
        var local = (invite.From ?? throw new ArgumentException("The INVITE has no From.", nameof(invite))).Clone();
        var remote = (response.To ?? invite.To ?? throw new ArgumentException("The response has no To.", nameof(response))).Clone();
        var target = FirstContact(response)?.Clone() ?? invite.RequestUri.Clone();
        var routes = response.RecordRoutes.Select(r => r.Clone()).Reverse().ToList();
        return new SipDialog(
            invite.CallId ?? throw new ArgumentException("The INVITE has no Call-ID.", nameof(invite)),
            local,
            remote,
            target,
            routes,
            invite.CSeq?.Number ?? 1,
            remoteCSeq: null,
            destination,
            localContact);
    }

    /// <summary>Whether an incoming request belongs to this dialog (Call-ID, our tag in To, the peer's tag in From).</summary>
    public bool Matches(SipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return string.Equals(request.CallId, CallId, StringComparison.Ordinal)
               && string.Equals(request.To?.Tag, LocalTag, StringComparison.Ordinal)
               && string.Equals(request.From?.Tag ?? string.Empty, RemoteTag, StringComparison.Ordinal);
    }

    /// <summary>
    /// Checks the CSeq of an incoming in-dialog request (§12.2.2): false when it is lower than the last one (the
    /// caller answers 500). A target-refresh request (re-INVITE, UPDATE) also moves <see cref="RemoteTarget"/>.
    /// </summary>
    public bool AcceptRemoteRequest(SipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.CSeq is not { } cseq)
        {
            return false;
        }

        if (request.Method != SipMethods.Ack && request.Method != SipMethods.Cancel)
        {
            if (RemoteCSeq is { } last && cseq.Number <= last)
            {
                return false;
            }

            RemoteCSeq = cseq.Number;
        }

        if (request.Method is SipMethods.Invite or SipMethods.Update && FirstContact(request) is { } contact)
        {
            RemoteTarget = contact.Clone();
        }

        return true;
    }

    /// <summary>A new in-dialog request (not ACK or CANCEL) with the next local CSeq.</summary>
    public SipRequest CreateRequest(string method)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        LocalCSeq++;
        return Build(method, LocalCSeq);
    }

    /// <summary>The ACK for a 2xx to the INVITE that had CSeq <paramref name="inviteCSeq"/> (§13.2.2.4).</summary>
    public SipRequest CreateAck(uint inviteCSeq) => Build(SipMethods.Ack, inviteCSeq);

    private SipRequest Build(string method, uint cseq)
    {
        var request = new SipRequest(method, RemoteTarget.Clone());
        foreach (var route in _routeSet)
        {
            request.Headers.Add(SipHeaderNames.Route, route.ToString());
        }

        request.Headers.Add(SipHeaderNames.From, LocalParty.ToString());
        request.Headers.Add(SipHeaderNames.To, RemoteParty.ToString());
        request.Headers.Add(SipHeaderNames.CallId, CallId);
        request.Headers.Add(SipHeaderNames.CSeq, cseq.ToString(CultureInfo.InvariantCulture) + " " + method);
        if (method is SipMethods.Invite or SipMethods.Update or SipMethods.Refer or SipMethods.Notify)
        {
            request.Headers.Add(SipHeaderNames.Contact, LocalContact);
        }

        return request;
    }

    private static SipUri? FirstContact(SipMessage message) =>
        message.Contacts.Count > 0 ? message.Contacts[0].NameAddr?.Uri : null;

    /// <summary>A random tag for a new dialog side.</summary>
    public static string NewTag() => SipTransactionMessages.NewTag();

    /// <summary>A random Call-ID for a dialog we start.</summary>
    public static string NewCallId() => SipTransactionMessages.NewTag() + SipTransactionMessages.NewTag();
}
