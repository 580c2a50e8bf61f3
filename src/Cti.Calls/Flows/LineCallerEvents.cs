using Cti.Cdrs;
using Cti.Gateways.Lines;
using Cti.Calls.Legs;
using Cti.Sip.Messages;
using Cti.Sip.Sdp;

namespace Cti.Calls.Flows;

/// <summary>
/// What a call whose caller side is a gateway line does when the line's audio answers and when the line's call ends,
/// the same for the inbound and dialer flows that use a line.
/// </summary>
internal static class LineCallerEvents
{
    /// <summary>
    /// The final response of a line's audio endpoint: relay leg A points at it, or, refused, the line cannot be heard
    /// and the connected agent is released (the flow then ends the call). Null when refused or the call has ended.
    /// </summary>
    public static async Task<SdpNegotiationResult?> AcceptAudioAsync(CallSession call, GatewayCallerLeg line, CalleeLeg leg, SipResponse response)
    {
        SdpNegotiationResult? answer = null;
        if (response.IsSuccess)
        {
            var (accepted, usable) = await call.AcceptCallerAnswerAsync(leg, response);
            answer = usable ? accepted : null;
        }

        if (call.HasEnded)
        {
            return null;
        }

        if (answer is null)
        {
            line.LogAudioFailed(response.StatusCode);
            call.Legs.CancelAll();
            call.ReleaseCalleeAsCallerFails();
            return null;
        }

        call.Relay.LegA.SetRemote(answer.RemoteRtp, answer.RemoteRtcp);
        call.Relay.LegA.PayloadType = answer.Codec!.PayloadType;
        call.Relay.LegA.TelephoneEventPayloadType = answer.TelephoneEventPayloadType ?? -1;
        return answer;
    }

    /// <summary>The line's call ended first (the far end hung up, or the line failed): the call ends with it.</summary>
    public static async Task OnLineEndedAsync(CallSession call, GatewayCallerLeg line, GatewayLineEndedSignal signal)
    {
        if (call.HasEnded || !line.TakeLineEnd(signal))
        {
            return;
        }

        var failure = signal.Reason == GatewayCallEndReason.LineFailure;
        if (line.Inbound && !call.Caller.Answered)
        {
            await call.CallerLeftAsync(failure);
            return;
        }

        var q850 = failure ? Q850Causes.TemporaryFailure : Q850Causes.NormalClearing;
        call.Legs.CancelAll();
        call.ReleaseCalleeAsCallerLeaves(q850);
        if (call.Caller.Dialog is { } audio)
        {
            call.Sender.SendBye(audio, q850);
        }

        var disposition = failure ? CdrDisposition.NetworkFailure : call.AnsweredAt is null ? CdrDisposition.Abandoned : CdrDisposition.Answered;
        await call.EndAsync(disposition, failure ? HangupParty.System : call.Flow.CallerParty, null, q850);
    }
}
