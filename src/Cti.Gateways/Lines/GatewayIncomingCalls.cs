using Cti.Gateways.At;
using Microsoft.Extensions.Logging;

namespace Cti.Gateways.Lines;

/// <summary>
/// Inbound calls on a line: RING and +CLIP announce the call once, ATA answers it. Runs on the line's loop only.
/// </summary>
internal sealed partial class GatewayIncomingCalls(
    GatewayLineContext line,
    GatewayCallControl calls,
    Action<GatewayIncomingCallEventArgs> raiseIncomingCall)
{
    public void OnRing()
    {
        if (line.Call is { Direction: GatewayCallDirection.Inbound, State: GatewayCallState.Ringing } ringing)
        {
            // A second RING without +CLIP: the number is withheld or CLIP is off; announce the call anyway.
            if (++ringing.Rings >= 2)
            {
                Announce(ringing, null);
            }

            return;
        }

        if (line.Call is not null || line.State.Status != GatewayLineStatus.Up)
        {
            return;
        }

        var call = new GatewayCall(line.NextCallId(), GatewayCallDirection.Inbound, null) { State = GatewayCallState.Ringing, Rings = 1 };
        line.Call = call;
        calls.StartPolling(call);
    }

    public void OnClip(AtLine clip)
    {
        if (line.Call is { Direction: GatewayCallDirection.Inbound, State: GatewayCallState.Ringing } call)
        {
            Announce(call, AtResponseParser.ParseClipNumber(clip));
        }
    }

    public void StartAnswer(TaskCompletionSource<GatewayCommandResult> completion)
    {
        if (line.Call is not { Direction: GatewayCallDirection.Inbound, State: GatewayCallState.Ringing, Ending: false } call)
        {
            line.Defer(completion, GatewayCommandResult.Fail("no inbound call is ringing"));
            return;
        }

        call.AnswerCompletion = completion;
        line.Issue(AtCommand.Answer(), call.Id, GatewayCallStep.Answer);
    }

    public void OnAnswerResponse(GatewayCall call, AtResponse response)
    {
        if (response.Status == AtResponseStatus.Completed && response.Final?.Kind is AtLineKind.Ok or AtLineKind.Connect)
        {
            call.State = GatewayCallState.Active;
            line.Metrics.CountCall(line.Name, "inbound-answered");
            line.Defer(call.AnswerCompletion, GatewayCommandResult.Ok);
        }
        else
        {
            line.NoteCommandFailure(response);
            line.Defer(call.AnswerCompletion, GatewayCommandResult.Fail($"ATA failed: {response.Describe()}"));
        }
    }

    private void Announce(GatewayCall call, string? number)
    {
        if (call.Announced)
        {
            return;
        }

        call.Announced = true;
        call.Number = number;
        if (line.Logger.IsEnabled(LogLevel.Information))
        {
#pragma warning disable CA1873 // Guarded by IsEnabled just above.
            Log.Incoming(line.Logger, line.Name, Cti.Numbers.PhoneNumberMask.ForLog(number));
#pragma warning restore CA1873
        }

        raiseIncomingCall(new GatewayIncomingCallEventArgs(line.Name, line.Options.Queue, number, line.TimeProvider.GetUtcNow()));
    }
}
