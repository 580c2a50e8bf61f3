using Cti.Cdrs;
using Cti.Calls.Legs;
using Cti.Media.Relay;
using Cti.Routing.Engine;
using Cti.Sip.Messages;
using CallDirection = Cti.Cdrs.CallDirection;

namespace Cti.Calls.Flows;

/// <summary>
/// A call from outside waiting in a queue: a carrier's INVITE through a trunk (answered 183 with the welcome prompt and
/// music, or 180) or a call ringing on a gateway line (the PSTN caller hears the network's ringback; the line is
/// answered and its audio INVITEd only when an agent answers). The ACD offers it to agents.
/// </summary>
internal sealed partial class InboundQueueFlow(CallSession call, SipCallerLeg? sip, GatewayCallerLeg? line, AcdEngine acd, bool earlyMedia, ILogger logger) : CallFlow(call)
{
    public override CallDirection Direction => CallDirection.Inbound;

    public override async Task StartAsync()
    {
        var route = Call.Route;
        if (sip is not null)
        {
            Log.CallStarted(logger, Call.Id, route.Trunk.Name, route.Queue);
            Call.Record.Offered(CallEvents.Offered(Call.Id, "inbound", route.Trunk.Name, route.Did, route.Queue, route.Caller));
            await sip.RingAsync(earlyMedia);
            if (earlyMedia)
            {
                Call.PlayWelcome();
            }

            Call.ArmCallTimers();
        }
        else
        {
            Log.GatewayCallStarted(logger, Call.Id, line!.Line.Name, route.Queue);
            Call.Record.Offered(CallEvents.Offered(Call.Id, "inbound", null, null, route.Queue, route.Caller));
            Call.ArmCallTimers();
            line.Watch(Call.Post);
        }

        Call.RememberAcdId();
        acd.Post(new CallArrived(Call.AcdCallId, route.Queue, route.Caller));
        Call.RunLoop();
    }

    public override Task OnSignalAsync(CallSignal signal) =>
        signal is GatewayLineEndedSignal ended && line is not null ? LineCallerEvents.OnLineEndedAsync(Call, line, ended) : Task.CompletedTask;

    /// <summary>The line's audio endpoint answered after the agent: the relay now bridges the two.</summary>
    public override async Task OnCallerInviteFinalAsync(CalleeLeg leg, SipResponse response)
    {
        var answer = await LineCallerEvents.AcceptAudioAsync(Call, line!, leg, response);
        if (answer is null)
        {
            if (!Call.HasEnded)
            {
                await Call.EndAsync(CdrDisposition.Failed, HangupParty.System, response.StatusCode, Q850Causes.TemporaryFailure);
            }

            return;
        }

        // The agent is already connected on leg B.
        Call.Relay.StopPlayback(RtpRelayLegId.A);
        line!.LogBridged();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Call {CallId} from trunk {Trunk} queued for {Queue}")]
        public static partial void CallStarted(ILogger logger, string callId, string trunk, string queue);

        [LoggerMessage(EventId = 5400, Level = LogLevel.Information, Message = "Call {CallId} from gateway line {Line} queued for {Queue}")]
        public static partial void GatewayCallStarted(ILogger logger, string callId, string line, string queue);
    }
}
