namespace Cti.Host.Calls;

internal sealed partial class CallSession
{
    // Caller numbers never appear here: calls are identified by their correlation id.
    private static partial class Log
    {
        [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Call {CallId} from trunk {Trunk} queued for {Queue}")]
        public static partial void CallStarted(ILogger logger, string callId, string trunk, string queue);

        [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Call {CallId} ended: {Disposition}, hung up by {HungUpBy}, RTP in caller {CallerPackets} agent {CalleePackets}")]
        public static partial void CallEnded(ILogger logger, string callId, Cti.Cdrs.CdrDisposition disposition, Cti.Cdrs.HangupParty hungUpBy, long callerPackets, long calleePackets);

        [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Call {CallId}: the caller left before an answer")]
        public static partial void CallerLeft(ILogger logger, string callId);

        [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Call {CallId}: agent {AgentId} has no registered or static contact; offer refused")]
        public static partial void AgentUnreachable(ILogger logger, string callId, string agentId);

        [LoggerMessage(EventId = 5004, Level = LogLevel.Debug, Message = "Call {CallId}: ringing {Kind} {Target}")]
        public static partial void Ringing(ILogger logger, string callId, Cti.Host.Calls.Legs.CalleeKind kind, string target);

        [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "Call {CallId}: {Target} gave no final response in time")]
        public static partial void CalleeGaveNoAnswer(ILogger logger, string callId, string target);

        [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Call {CallId}: {Target} answered without a usable SDP answer")]
        public static partial void CalleeBadAnswer(ILogger logger, string callId, string target);

        [LoggerMessage(EventId = 5007, Level = LogLevel.Information, Message = "Call {CallId}: connected to {Target}")]
        public static partial void Connected(ILogger logger, string callId, string target);

        [LoggerMessage(EventId = 5008, Level = LogLevel.Error, Message = "Call {CallId}: the recording could not be started")]
        public static partial void RecordingFailed(ILogger logger, string callId, Exception exception);

        [LoggerMessage(EventId = 5009, Level = LogLevel.Information, Message = "Call {CallId}: {Target} answered {Status}")]
        public static partial void CalleeFailed(ILogger logger, string callId, string target, int status);

        [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "Call {CallId} overflowed ({Reason}) to {Target}")]
        public static partial void Overflowed(ILogger logger, string callId, Cti.Routing.Engine.OverflowReason reason, Cti.Routing.Config.OverflowTarget target);

        [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "Call {CallId}: the ACD refused {Command} ({Reason})")]
        public static partial void AcdRejected(ILogger logger, string callId, string command, Cti.Routing.Agents.RejectionReason reason);

        [LoggerMessage(EventId = 5013, Level = LogLevel.Information, Message = "Call {CallId}: the {Party} hung up")]
        public static partial void HungUp(ILogger logger, string callId, string party);

        [LoggerMessage(EventId = 5014, Level = LogLevel.Information, Message = "Call {CallId}: blind transfer to a {Kind}")]
        public static partial void Transferring(ILogger logger, string callId, string kind);

        [LoggerMessage(EventId = 5015, Level = LogLevel.Information, Message = "Call {CallId}: the transfer target did not answer; back to the queue")]
        public static partial void TransferFailed(ILogger logger, string callId);

        [LoggerMessage(EventId = 5016, Level = LogLevel.Warning, Message = "Call {CallId} reached the maximum call duration")]
        public static partial void MaxDuration(ILogger logger, string callId);

        [LoggerMessage(EventId = 5017, Level = LogLevel.Error, Message = "Call {CallId}: the CDR could not be written")]
        public static partial void CdrFailed(ILogger logger, string callId, Exception exception);

        [LoggerMessage(EventId = 5018, Level = LogLevel.Error, Message = "Call {CallId}: handling {Signal} failed")]
        public static partial void SignalFailed(ILogger logger, string callId, string signal, Exception exception);

        [LoggerMessage(EventId = 5019, Level = LogLevel.Information, Message = "Trunk INVITE refused: malformed SDP ({Code} on line {Line})")]
        public static partial void BadSdp(ILogger logger, Cti.Sip.Sdp.SdpParseErrorCode code, int line);

        [LoggerMessage(EventId = 5021, Level = LogLevel.Information, Message = "Call {CallId}: campaign {CampaignId} dials {MaskedNumber}")]
        public static partial void Dialing(ILogger logger, string callId, string campaignId, string maskedNumber);

        [LoggerMessage(EventId = 5022, Level = LogLevel.Information, Message = "Call {CallId}: the customer answered; finding an agent")]
        public static partial void CustomerAnswered(ILogger logger, string callId);

        [LoggerMessage(EventId = 5023, Level = LogLevel.Warning, Message = "Call {CallId}: no agent within the abandon wait; playing the abandon message")]
        public static partial void Abandoning(ILogger logger, string callId);

        [LoggerMessage(EventId = 5024, Level = LogLevel.Information, Message = "Call {CallId}: agent {AgentId} places a call")]
        public static partial void AgentCall(ILogger logger, string callId, string agentId);

        [LoggerMessage(EventId = 5020, Level = LogLevel.Warning, Message = "Trunk INVITE refused: no RTP ports ({Error})")]
        public static partial void NoMediaPorts(ILogger logger, Cti.Media.Relay.RtpRelayCreateError error);
    }
}
