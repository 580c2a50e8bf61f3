using System.Net;
using Cti.Cdrs;
using Cti.Gateways.Lines;
using Cti.Calls.Legs;
using Cti.Media.Relay;
using Cti.Routing.Config;
using Cti.Routing.Engine;
using Cti.Sip.Dialogs;
using Cti.Sip.Messages;
using Cti.Sip.Sdp;
using Cti.Sip.Transport;

namespace Cti.Calls;

/// <summary>The ACD's decisions and the callee legs they ring, up to the bridge.</summary>
internal sealed partial class CallSession
{
    /// <summary>An INVITE offering relay leg B with the caller's codec, from the caller's number.</summary>
    public CalleeLeg CreateCalleeLeg(CalleeKind kind, string? agentId, string target, SipUri requestUri, string toUser, SipEndPoint destination) =>
        Legs.CreateCallee(kind, agentId, target, requestUri, toUser, destination, Caller, Route.Caller, Route.CallerName, Queue);

    /// <summary>Bridges an answered callee to the caller and answers the caller side if it is not yet.</summary>
    public async Task ConnectAsync(CalleeLeg leg, SdpNegotiationResult answer)
    {
        Relay.LegB.SetRemote(answer.RemoteRtp, answer.RemoteRtcp);
        Relay.LegB.TelephoneEventPayloadType = answer.TelephoneEventPayloadType ?? -1;
        _welcomeTimer?.Dispose();
        Relay.StopPlayback(RtpRelayLegId.A);
        Connected = leg;
        _phase = CallPhase.Connected;
        _registry.ReleaseAgentClaims(Id);
        Record.CalleeHoldCleared();
        Legs.CancelAll();
        switch (leg.Kind)
        {
            case CalleeKind.AcdOffer:
                AcdWaiting = false;
                _s.Acd.Post(new OfferAnswered(leg.AcdCallId, leg.AgentId!));
                break;
            case CalleeKind.ReservedAgent:
                _s.Acd.Post(new OutboundCallConnected(leg.AcdCallId));
                break;
        }

        var now = Record.CalleeAnswered(leg.StartedAt);
        _flow.OnConnected(leg);
        if (!await AnswerCallerAsync())
        {
            // The caller's CANCEL won the race; its signal is already queued and will hang up this leg.
            return;
        }

        Record.Answered(now, leg.AgentId);
        Log.Connected(_s.Logger, Id, leg.LogName);
    }

    /// <summary>Answers the caller side if it is not yet; false when the caller has gone (the call then ends or is ending).</summary>
    private async Task<bool> AnswerCallerAsync()
    {
        switch (await Caller.AnswerAsync())
        {
            case CallerAnswer.Answered:
                return true;
            case CallerAnswer.Left:
                await CallerLeftAsync(failure: false);
                return false;
            case CallerAnswer.Failed:
                ReleaseCalleeAsCallerFails();
                await EndAsync(CdrDisposition.Failed, HangupParty.System, null, Q850Causes.TemporaryFailure);
                return false;
            default:
                return false;
        }
    }

    /// <summary>
    /// An attended transfer completes: <paramref name="target"/> (answered, its dialog mapped) takes the connected
    /// callee's place and relay leg B points at its media; the transferor's dialog is forgotten. With
    /// <paramref name="acdCallId"/> the ACD knows the call by the target's reservation from now on.
    /// </summary>
    public void HandOver(CalleeLeg target, IPEndPoint? rtp, IPEndPoint? rtcp, int telephoneEventPayloadType, string? acdCallId)
    {
        if (Connected?.Dialog is { } old)
        {
            _registry.UnmapDialog(old.CallId, old.LocalTag);
        }

        Relay.LegB.SetRemote(rtp, rtcp);
        Relay.LegB.TelephoneEventPayloadType = telephoneEventPayloadType;
        Connected = target;
        if (acdCallId is not null)
        {
            AcdCallId = acdCallId;
        }
    }

    /// <summary>Back to waiting: the callee leg is gone, the caller hears music and leg B points nowhere.</summary>
    public void DetachCallee()
    {
        if (Connected?.Dialog is { } dialog)
        {
            _registry.UnmapDialog(dialog.CallId, dialog.LocalTag);
        }

        Connected = null;
        _phase = CallPhase.Waiting;
        Relay.LegB.SetRemote(null);
        PlayMusic();
    }

    /// <summary>
    /// The caller side answered the INVITE the call sent it (a dialled customer, an agent's phone for click to dial):
    /// relay leg A points at its media, both legs carry its codec, and the caller counts as answered.
    /// </summary>
    public void BridgeAnsweredCaller(SdpNegotiationResult answer)
    {
        Relay.LegA.SetRemote(answer.RemoteRtp, answer.RemoteRtcp);
        Relay.LegA.PayloadType = answer.Codec!.PayloadType;
        Relay.LegA.TelephoneEventPayloadType = answer.TelephoneEventPayloadType ?? -1;
        Relay.LegB.PayloadType = answer.Codec.PayloadType;
        Caller.MarkAnswered();
    }

    /// <summary>Takes the 2xx of the caller side's own INVITE (a dialled customer, a line's audio).</summary>
    public async Task<(SdpNegotiationResult? Answer, bool Usable)> AcceptCallerAnswerAsync(CalleeLeg leg, SipResponse response)
    {
        // Mapped before the ACK goes out, so a BYE right after it finds this call.
        var result = await Caller.AcceptAnswerAsync(leg, response, _phase == CallPhase.Ended, dialog => MapDialog(dialog, CallLegSide.Caller));
        Legs.Answered(leg);
        return result;
    }
}
