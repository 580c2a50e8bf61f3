using Cti.Trunks;
using Cti.Sip.Dialogs;
using Cti.Sip.Messages;
using Cti.Sip.Sdp;

namespace Cti.Calls.Legs;

/// <summary>
/// A customer the dialer rings through a trunk: our INVITE is pending until they answer, then its dialog is the
/// call's caller side (relay leg A), exactly as if they had called in.
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
