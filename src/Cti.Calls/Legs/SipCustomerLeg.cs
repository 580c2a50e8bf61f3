using Cti.Trunks;
using Cti.Sip.Dialogs;
using Cti.Sip.Messages;
using Cti.Sip.Sdp;
using Cti.Sip.Transport;

namespace Cti.Calls.Legs;

/// <summary>
/// A party we ring first, on the caller side: a customer the dialer rings through a trunk, or the agent's phone of a
/// click-to-dial call. Our INVITE is pending until they answer, then its dialog is the call's caller side (relay
/// leg A), exactly as if they had called in.
/// </summary>
internal sealed class SipCustomerLeg(SdpMediaOptions media, SipLegSender sender) : CallerLeg(media, SdpNegotiationResult.Failed(SdpNegotiationError.None), sender)
{
    /// <summary>
    /// The INVITE to <paramref name="number"/> through the trunk's first peer, from <paramref name="callerId"/>; the
    /// call starts it (it becomes <see cref="CallerLeg.Pending"/>).
    /// </summary>
    public CalleeLeg CreateInvite(CalleeLegs invites, TrunkConfig trunk, string number, string callerId, string maskedNumber)
    {
        var listeners = invites.Listeners;
        var peer = trunk.Peers[0];
        var uri = new SipUri("sip", peer.Remote.Address.ToString()) { User = number, Port = peer.Remote.Port };
        var destination = listeners.From(trunk.Profile, peer);
        var invite = new SipRequest(SipMethods.Invite, uri);
        var from = new SipNameAddr(new SipUri("sip", listeners.Domain) { User = callerId }) { Tag = SipDialog.NewTag() };
        invite.Headers.Add(SipHeaderNames.From, from.ToString());
        invite.Headers.Add(SipHeaderNames.To, new SipNameAddr(uri.Clone()).ToString());
        invite.Headers.Add(SipHeaderNames.CallId, SipDialog.NewCallId());
        invite.Headers.Add(SipHeaderNames.CSeq, "1 " + SipMethods.Invite);
        invite.Headers.Add(SipHeaderNames.Contact, CallListeners.Contact(callerId, destination.Local!, destination.Transport));
        invite.Headers.Add(SipHeaderNames.Allow, CalleeLegs.AllowHeader);
        SdpBodies.Attach(invite, SdpNegotiator.CreateOffer(Media));
        Pending = invites.Create(CalleeKind.Customer, null, maskedNumber, invite, destination, Media, invites.AcdCallIdNow());
        return Pending;
    }

    /// <summary>
    /// The INVITE to an agent's phone (<paramref name="contact"/>) for a click-to-dial call, showing
    /// <paramref name="displayNumber"/> (the customer about to be called) and asking the phone to answer at once
    /// (<c>Call-Info: answer-after=0</c>, <c>Alert-Info: info=alert-autoanswer</c>) where it supports that.
    /// </summary>
    public CalleeLeg CreateAgentInvite(CalleeLegs invites, string agentId, SipUri contact, SipEndPoint destination, string displayNumber)
    {
        var listeners = invites.Listeners;
        var invite = new SipRequest(SipMethods.Invite, contact.Clone());
        var from = new SipNameAddr(new SipUri("sip", listeners.Domain) { User = displayNumber }) { Tag = SipDialog.NewTag() };
        invite.Headers.Add(SipHeaderNames.From, from.ToString());
        invite.Headers.Add(SipHeaderNames.To, new SipNameAddr(new SipUri("sip", listeners.Domain) { User = agentId }).ToString());
        invite.Headers.Add(SipHeaderNames.CallId, SipDialog.NewCallId());
        invite.Headers.Add(SipHeaderNames.CSeq, "1 " + SipMethods.Invite);
        invite.Headers.Add(SipHeaderNames.Contact, CallListeners.Contact(displayNumber, destination.Local!, destination.Transport));
        invite.Headers.Add(SipHeaderNames.Allow, CalleeLegs.AllowHeader);
        invite.Headers.Add("Call-Info", $"<sip:{listeners.Domain}>;answer-after=0");
        invite.Headers.Add("Alert-Info", "<http://localhost>;info=alert-autoanswer");
        invite.Headers.Add(CallController.CallIdHeader, invites.CallId);
        SdpBodies.Attach(invite, SdpNegotiator.CreateOffer(Media));
        Pending = invites.Create(CalleeKind.Customer, agentId, agentId, invite, destination, Media, invites.AcdCallIdNow());
        return Pending;
    }

    /// <summary>Only ever asked once the customer has answered.</summary>
    public override Task<CallerAnswer> AnswerAsync() => Task.FromResult(CallerAnswer.Answered);

    public override Task HangUpAsync(int status, string reason, int q850)
    {
        if (Answered && Dialog is not null)
        {
            Sender.SendBye(Dialog, q850);
        }
        else
        {
            CancelPending();
        }

        return Task.CompletedTask;
    }
}
