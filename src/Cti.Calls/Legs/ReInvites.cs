using Cti.Media.Relay;
using Cti.Sip.Dialogs;
using Cti.Sip.Messages;
using Cti.Sip.Sdp;
using Cti.Sip.Stack;

namespace Cti.Calls.Legs;

/// <summary>
/// Re-INVITEs on any leg: answered locally from the leg's own media (the relay keeps the media anchored), and passed on
/// to the other side as our own offer with the holder's direction.
/// </summary>
internal static class ReInvites
{
    /// <summary>
    /// Answers a re-INVITE from <paramref name="leg"/>, re-pointing <paramref name="relayLeg"/> at its new media.
    /// Returns the direction the party asked for (sendrecv for a refresh without an offer), or null when it was refused.
    /// </summary>
    public static async Task<SdpDirection?> AnswerAsync(SipServerContext context, ICallLeg? leg, SipDialog dialog, RtpRelayLeg relayLeg)
    {
        var request = context.Request;
        if (leg?.NextMedia(SdpDirection.SendRecv) is not { } options)
        {
            await context.RespondAsync(context.CreateResponse(481, "Call/Transaction Does Not Exist"));
            return null;
        }

        SdpSessionDescription answer;
        var direction = SdpDirection.SendRecv;
        if (!request.Body.IsEmpty && SdpBodies.IsSdp(request.ContentType) && SdpParser.TryParse(request.Body.Span, out var offer, out _))
        {
            var result = SdpNegotiator.Answer(offer, options);
            if (!result.Success)
            {
                await context.RespondAsync(context.CreateResponse(488, "Not Acceptable Here"));
                return null;
            }

            relayLeg.SetRemote(result.RemoteRtp, result.RemoteRtcp);
            direction = result.RemoteDirection;
            answer = result.Answer!;
        }
        else
        {
            // No offer (a session refresh): offer what we have; the ACK carries the answer, which changes nothing here.
            answer = SdpNegotiator.CreateOffer(options);
        }

        var ok = context.CreateResponse(200, "OK");
        ok.Headers.Add(SipHeaderNames.Contact, dialog.LocalContact);
        SdpBodies.Attach(ok, answer);
        await context.RespondAsync(ok);
        return direction;
    }

    /// <summary>Our re-INVITE to <paramref name="leg"/> with <paramref name="direction"/>; null while the leg has no dialog.</summary>
    public static (SipRequest Request, SipDialog Dialog)? Offer(ICallLeg? leg, SdpDirection direction)
    {
        if (leg?.Dialog is not { } dialog || leg.NextMedia(direction) is not { } options)
        {
            return null;
        }

        var reinvite = dialog.CreateRequest(SipMethods.Invite);
        SdpBodies.Attach(reinvite, SdpNegotiator.CreateOffer(options));
        return (reinvite, dialog);
    }
}
