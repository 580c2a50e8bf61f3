using System.Net;
using Cti.Calls.Control;
using Cti.Calls.Legs;
using Cti.Cdrs;
using Cti.Events;
using Cti.Media.Audio;
using Cti.Media.Mixing;
using Cti.Media.Relay;
using Cti.Sip.Dialogs;
using Cti.Sip.Messages;
using Cti.Sip.Sdp;
using Cti.Sip.Transport;

namespace Cti.Calls.Monitoring;

/// <summary>
/// A supervisor on one call: their phone is rung with an endpoint of a mixer (<see cref="RtpMixingBridge"/>) and, once
/// it answers, the call's relay legs are handed to the mixer so that the supervisor hears customer and agent
/// (listen), is heard by the agent only (whisper) or by both (barge). Leaving hands the legs back to plain relaying;
/// the call is not touched whatever the supervisor's phone does. DTMF from the supervisor's phone switches the mode
/// (4 listen, 5 whisper, 6 barge). Runs on the call's loop; one supervisor at a time.
/// </summary>
internal sealed partial class CallMonitor(
    CallSession call,
    AgentContactResolver contacts,
    CallListeners listeners,
    RtpPortAllocator ports,
    RtpRelayOptions relayOptions,
    IPAddress mediaAddress,
    IEventPublisher events,
    TimeProvider time,
    ILogger<RtpMixingBridge> bridgeLogger,
    ILogger logger)
{
    /// <summary>The mode a conference party is in, as events and the CDR name it.</summary>
    public const string ConferenceMode = "conference";

    /// <summary>How long the supervisor's phone may ring.</summary>
    public static readonly TimeSpan RingTimeout = TimeSpan.FromSeconds(30);

    private readonly List<CdrMonitoringSession> _sessions = [];
    private RtpMixingBridge? _bridge;
    private RtpBridgeParticipant? _supervisorAudio;
    private RtpBridgeParticipant? _customer;
    private RtpBridgeParticipant? _agent;
    private CalleeLeg? _leg;
    private string? _supervisor;
    private MonitoringMode _mode;
    private DateTimeOffset _since;
    private List<string> _modes = [];
    private bool _conference;
    private uint _lastDtmf;
    private bool _hasDtmf;

    /// <summary>Whether a supervisor is being rung or is on the call.</summary>
    public bool Active => _leg is not null;

    /// <summary>The supervisor on the call (or being rung), if any.</summary>
    public string? Supervisor => _supervisor;

    /// <summary><c>listen</c>, <c>whisper</c>, <c>barge</c> or <c>conference</c> while a third party takes part; null otherwise.</summary>
    public string? ModeName => _leg?.Dialog is null ? null : _conference ? ConferenceMode : Name(_mode);

    /// <summary>Whether the third party was added as a conference party rather than a supervisor.</summary>
    public bool IsConference => _conference;

    /// <summary>The monitoring of the call so far, for its CDR.</summary>
    public IReadOnlyList<CdrMonitoringSession> Sessions => _sessions;

    public static bool TryParseMode(string? text, out MonitoringMode mode)
    {
        mode = text switch
        {
            "listen" => MonitoringMode.Listen,
            "whisper" => MonitoringMode.Whisper,
            "barge" => MonitoringMode.Barge,
            _ => (MonitoringMode)(-1),
        };
        return Enum.IsDefined(mode);
    }

    public static string Name(MonitoringMode mode) => mode switch
    {
        MonitoringMode.Whisper => "whisper",
        MonitoringMode.Barge => "barge",
        _ => "listen",
    };

    /// <summary>Rings <paramref name="supervisorId"/>'s phone; the mixer takes over the call's audio when it answers.</summary>
    public Task<CallCommandResult> StartAsync(string supervisorId, MonitoringMode mode, Func<CallView> describe) =>
        StartAsync(supervisorId, mode, conference: false, describe);

    /// <summary>
    /// Adds a third party to the conversation (an agent's phone, or a number through the caller's trunk): everyone hears
    /// everyone, as when a supervisor barges, and the party leaves without ending the call.
    /// </summary>
    public Task<CallCommandResult> AddToConferenceAsync(string target, Func<CallView> describe) =>
        StartAsync(target, MonitoringMode.Barge, conference: true, describe);

    private async Task<CallCommandResult> StartAsync(string target, MonitoringMode mode, bool conference, Func<CallView> describe)
    {
        if (call.Connected is null)
        {
            return CallCommandResult.Conflict(describe(), $"The call is {CallStates.Waiting}: only a connected call can {(conference ? "become a conference" : "be monitored")}.");
        }

        if (_leg is not null)
        {
            return CallCommandResult.Conflict(describe(), $"'{_supervisor}' is already on the call as a third party.");
        }

        if (target == call.Connected.AgentId)
        {
            return CallCommandResult.Invalid(describe(), $"'{target}' is already on the call.");
        }

        SipUri uri;
        SipEndPoint destination;
        if (await contacts.ResolveAsync(target, CancellationToken.None) is { } contact)
        {
            uri = contact.Uri;
            destination = listeners.FromAgentListener(contact.Destination);
        }
        else if (conference && call.Route.Trunk is { Peers.Count: > 0 } trunk && trunk.Numbers.ToE164(target) is { } number)
        {
            var peer = trunk.Peers[0];
            uri = new SipUri("sip", peer.Remote.Address.ToString()) { User = number, Port = peer.Remote.Port };
            destination = listeners.From(trunk.Profile, peer);
            target = number;
        }
        else
        {
            return CallCommandResult.Conflict(describe(), conference
                ? $"'{target}' is neither an agent with a registered phone nor a number the call's trunk can reach."
                : $"Supervisor '{target}' has no registered phone.");
        }

        var codec = call.Relay.LegA.PayloadType == SdpCodec.Pcmu.PayloadType ? G711Codec.Pcmu : G711Codec.Pcma;
        var bridge = new RtpMixingBridge(call.Id, ports, relayOptions, time, bridgeLogger, capacity: 4);
        if (!bridge.TryAddEndpoint((conference ? "conference " : "supervisor ") + target, codec, out var audio, out var error))
        {
            await bridge.DisposeAsync();
            return CallCommandResult.Conflict(describe(), $"No media port for the third party ({error}).");
        }

        if (!conference)
        {
            bridge.DtmfReceived += (_, e) =>
            {
                if (!e.End)
                {
                    call.Post(new MonitorDtmfSignal(e.Digit, e.RtpTimestamp));
                }
            };
        }

        var offer = new SdpMediaOptions
        {
            Address = mediaAddress,
            RtpPort = audio.LocalRtpEndPoint.Port,
            Codecs = [codec == G711Codec.Pcmu ? SdpCodec.Pcmu : SdpCodec.Pcma],
            TelephoneEvents = true,
            SessionId = SdpBodies.NewSessionId(),
            SessionVersion = 1,
        };
        var leg = conference
            ? call.Legs.CreateSupervisor(target, uri, destination, offer, "Conference " + (call.Connected.AgentId ?? call.Id), call.Route.Trunk.Dids.Dids.FirstOrDefault() ?? "conference")
            : call.Legs.CreateSupervisor(target, uri, destination, offer, "Monitor " + (call.Connected.AgentId ?? call.Id));
        _bridge = bridge;
        _supervisorAudio = audio;
        _leg = leg;
        _supervisor = target;
        _conference = conference;
        _mode = mode;
        _modes = [conference ? ConferenceMode : Name(mode)];
        Log.Ringing(logger, call.Id, target, mode);
        call.Legs.Start(leg, RingTimeout);
        return CallCommandResult.Done(describe());
    }

    /// <summary>Switches the mode (API or the supervisor's DTMF); false when no supervisor is on the call.</summary>
    public bool SetMode(MonitoringMode mode)
    {
        if (_leg is null || _conference)
        {
            return false;
        }

        if (mode == _mode)
        {
            return true;
        }

        _mode = mode;
        _modes.Add(Name(mode));
        if (_customer is not null)
        {
            _bridge!.SetMonitoring(mode, _customer, _agent!, _supervisorAudio!);
            events.Publish(MonitorEvents.Changed(call.Id, call.Queue, call.Connected?.AgentId, _supervisor!, Name(mode)));
            Log.ModeChanged(logger, call.Id, _supervisor!, mode);
        }

        return true;
    }

    /// <summary>DTMF from the supervisor's phone: 4 listen, 5 whisper, 6 barge (each tone once).</summary>
    public void OnDtmf(MonitorDtmfSignal signal)
    {
        if (_hasDtmf && signal.RtpTimestamp == _lastDtmf)
        {
            return;
        }

        _hasDtmf = true;
        _lastDtmf = signal.RtpTimestamp;
        _ = signal.Digit switch
        {
            '4' => SetMode(MonitoringMode.Listen),
            '5' => SetMode(MonitoringMode.Whisper),
            '6' => SetMode(MonitoringMode.Barge),
            _ => false,
        };
    }

    /// <summary>Whether <paramref name="leg"/> is the supervisor's INVITE (its responses come here).</summary>
    public bool Owns(CalleeLeg leg) => ReferenceEquals(leg, _leg);

    /// <summary>Whether <paramref name="dialog"/> is the supervisor's (its BYE ends the monitoring, not the call).</summary>
    public bool Owns(SipDialog dialog) => _leg?.Dialog is { } own && ReferenceEquals(own, dialog);

    /// <summary>The supervisor's phone answered (the mixer takes over) or failed (nothing changes for the call).</summary>
    public async Task OnFinalAsync(CalleeLeg leg, SipResponse response)
    {
        if (!response.IsSuccess)
        {
            Log.NotReached(logger, call.Id, _supervisor!, response.StatusCode);
            await EndAsync("no-answer", bye: false);
            return;
        }

        var dialog = leg.AcceptDialog(response);
        call.Legs.Answered(leg);
        call.MapDialog(dialog, CallLegSide.Callee);
        await call.Sender.SendAckAsync(dialog, leg.Invite.CSeq!.Number, leg.Destination);
        var answer = SdpBodies.ReadAnswer(response, leg.Offer);
        if (leg.CancelRequested || call.HasEnded || call.Connected is null || answer is null || _bridge is null)
        {
            await EndAsync(answer is null ? "bad-answer" : "call-moved", bye: true);
            return;
        }

        _supervisorAudio!.SetRemote(answer.RemoteRtp, answer.RemoteRtcp);
        _supervisorAudio.TelephoneEventPayloadType = answer.TelephoneEventPayloadType ?? -1;
        if (!_bridge.TryAdoptRelay(call.Relay, out var customer, out var agent, out var error))
        {
            Log.AdoptFailed(logger, call.Id, error);
            await EndAsync("media", bye: true);
            return;
        }

        _customer = customer;
        _agent = agent;
        _bridge.SetMonitoring(_mode, customer, agent, _supervisorAudio);
        _bridge.Start();
        _since = time.GetUtcNow();
        events.Publish(_conference
            ? MonitorEvents.ConferenceJoined(call.Id, call.Queue, call.Connected.AgentId, _supervisor!)
            : MonitorEvents.Started(call.Id, call.Queue, call.Connected.AgentId, _supervisor!, Name(_mode)));
        Log.Started(logger, call.Id, _supervisor!, _mode);
    }

    /// <summary>The supervisor's phone rang too long.</summary>
    public Task OnGuardAsync(CalleeLeg leg)
    {
        leg.Cancel();
        return EndAsync("no-answer", bye: false);
    }

    /// <summary>The supervisor's phone hung up: the call goes on as before.</summary>
    public Task OnSupervisorByeAsync() => EndAsync("supervisor-left", bye: false);

    /// <summary>Ends the monitoring (API, call ending): BYE or CANCEL to the supervisor, the relay back to itself.</summary>
    public async Task EndAsync(string reason, bool bye = true)
    {
        if (_leg is not { } leg)
        {
            return;
        }

        _leg = null;
        if (leg.Dialog is { } dialog)
        {
            call.UnmapDialog(dialog);
            if (bye)
            {
                call.Sender.SendBye(dialog, Q850Causes.NormalClearing);
            }
        }
        else
        {
            leg.Cancel();
        }

        if (_bridge is { } bridge)
        {
            _bridge = null;
            bridge.ReleaseRelay(call.Relay);
            await bridge.DisposeAsync();
        }

        var wasOn = _customer is not null;
        _customer = _agent = _supervisorAudio = null;
        if (wasOn)
        {
            var now = time.GetUtcNow();
            _sessions.Add(new CdrMonitoringSession(_supervisor!, [.. _modes], _since, now));
            var seconds = Math.Round((now - _since).TotalSeconds, 3);
            events.Publish(_conference
                ? MonitorEvents.ConferenceLeft(call.Id, call.Queue, call.Connected?.AgentId, _supervisor!, reason, seconds)
                : MonitorEvents.Ended(call.Id, call.Queue, call.Connected?.AgentId, _supervisor!, reason, seconds));
        }

        Log.Ended(logger, call.Id, _supervisor!, reason);
        _supervisor = null;
        _conference = false;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5140, Level = LogLevel.Information, Message = "Call {CallId}: ringing supervisor {Supervisor} to {Mode}")]
        public static partial void Ringing(ILogger logger, string callId, string supervisor, MonitoringMode mode);

        [LoggerMessage(EventId = 5141, Level = LogLevel.Information, Message = "Call {CallId}: supervisor {Supervisor} is on the call ({Mode})")]
        public static partial void Started(ILogger logger, string callId, string supervisor, MonitoringMode mode);

        [LoggerMessage(EventId = 5142, Level = LogLevel.Information, Message = "Call {CallId}: supervisor {Supervisor} now in {Mode}")]
        public static partial void ModeChanged(ILogger logger, string callId, string supervisor, MonitoringMode mode);

        [LoggerMessage(EventId = 5143, Level = LogLevel.Information, Message = "Call {CallId}: monitoring by {Supervisor} ended ({Reason})")]
        public static partial void Ended(ILogger logger, string callId, string supervisor, string reason);

        [LoggerMessage(EventId = 5144, Level = LogLevel.Information, Message = "Call {CallId}: supervisor {Supervisor} not reached ({Status})")]
        public static partial void NotReached(ILogger logger, string callId, string supervisor, int status);

        [LoggerMessage(EventId = 5145, Level = LogLevel.Warning, Message = "Call {CallId}: the mixer could not take the call's audio ({Error})")]
        public static partial void AdoptFailed(ILogger logger, string callId, RtpBridgeJoinError error);
    }
}
