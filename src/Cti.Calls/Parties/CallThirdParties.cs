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

namespace Cti.Calls.Parties;

/// <summary>
/// The parties on one call beyond the customer and the agent: a supervisor (listen, whisper, barge), conference
/// members, the target of an attended transfer. Each is rung with an endpoint of one mixer
/// (<see cref="RtpMixingBridge"/>); at the first answer the call's relay legs are handed to the mixer, and when the
/// last party leaves they go back to plain relaying. Who hears whom is one rule (<see cref="ThirdPartyHearing"/>),
/// applied whole after every change. A party's phone failing or hanging up never touches the call. Runs on the
/// call's loop.
/// </summary>
internal sealed partial class CallThirdParties(
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
    /// <summary>How long a party's phone may ring.</summary>
    public static readonly TimeSpan RingTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Parties a call takes beyond customer and agent: the mixer's slots less the relay's two legs.</summary>
    public const int MaxParties = RtpMixingBridge.DefaultCapacity - 2;

    private readonly List<ThirdParty> _parties = [];
    private readonly List<CdrMonitoringSession> _sessions = [];
    private RtpMixingBridge? _bridge;
    private RtpBridgeParticipant? _customer;
    private RtpBridgeParticipant? _agent;
    private uint _lastDtmf;
    private bool _hasDtmf;

    /// <summary>Every party, ringing or joined, in the order they were called.</summary>
    public IReadOnlyList<ThirdParty> All => _parties;

    /// <summary>The supervisor on the call or being rung, if any.</summary>
    public ThirdParty? Supervisor => Find(ThirdPartyRole.Supervisor);

    /// <summary>The attended transfer's target, if one is being consulted.</summary>
    public ThirdParty? Consult => Find(ThirdPartyRole.Consult);

    /// <summary>The monitoring and conference sessions of the call so far, for its CDR.</summary>
    public IReadOnlyList<CdrMonitoringSession> Sessions => _sessions;

    /// <summary>Told when a party has left (any reason) or answered; the attended transfer follows its target here.</summary>
    public Func<ThirdParty, string, Task>? Left { get; set; }

    /// <summary>Told when a party's phone answered and joined the mix.</summary>
    public Func<ThirdParty, Task>? Joined { get; set; }

    /// <summary>
    /// Rings <paramref name="target"/> (an agent's phone; for conference members and consult targets also a number
    /// through the call's trunk) with a mixer endpoint; the party joins when it answers.
    /// </summary>
    public async Task<CallCommandResult> AddAsync(ThirdPartyRole role, string target, MonitoringMode mode, Func<CallView> describe)
    {
        if (Refusal(role, target, describe) is { } refused)
        {
            return refused;
        }

        SipUri uri;
        SipEndPoint destination;
        var isAgent = false;
        if (await contacts.ResolveAsync(target, CancellationToken.None) is { } contact)
        {
            uri = contact.Uri;
            destination = listeners.FromAgentListener(contact.Destination);
            isAgent = true;
        }
        else if (role != ThirdPartyRole.Supervisor && call.Route.Trunk is { Peers.Count: > 0 } trunk && trunk.Numbers.ToE164(target) is { } number)
        {
            var peer = trunk.Peers[0];
            uri = new SipUri("sip", peer.Remote.Address.ToString()) { User = number, Port = peer.Remote.Port };
            destination = listeners.From(trunk.Profile, peer);
            target = number;
        }
        else
        {
            return CallCommandResult.Conflict(describe(), role == ThirdPartyRole.Supervisor
                ? $"Supervisor '{target}' has no registered phone."
                : $"'{target}' is neither an agent with a registered phone nor a number the call's trunk can reach.");
        }

        var codec = call.Relay.LegA.PayloadType == SdpCodec.Pcmu.PayloadType ? G711Codec.Pcmu : G711Codec.Pcma;
        var bridge = _bridge ?? NewBridge();
        if (!bridge.TryAddEndpoint(Describe(role) + " " + target, codec, out var audio, out var error))
        {
            await ReleaseBridgeIfIdleAsync();
            return CallCommandResult.Conflict(describe(), $"No media port for the party ({error}).");
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
        var about = call.Connected!.AgentId ?? call.Id;
        var leg = role switch
        {
            ThirdPartyRole.Supervisor => call.Legs.CreateSupervisor(target, uri, destination, offer, "Monitor " + about),
            ThirdPartyRole.Conference => call.Legs.CreateSupervisor(target, uri, destination, offer, "Conference " + about, CallerNumber()),
            _ => call.Legs.CreateSupervisor(target, uri, destination, offer, "Transfer from " + about, CallerNumber()),
        };
        var party = new ThirdParty(role, target, leg, audio, role == ThirdPartyRole.Supervisor ? mode : MonitoringMode.Barge) { IsAgent = isAgent };
        party.Modes.Add(ModeName(party));
        _parties.Add(party);
        Log.Ringing(logger, call.Id, role, party.Mode);
        call.Legs.Start(leg, RingTimeout);
        return CallCommandResult.Done(describe());
    }

    /// <summary>Switches the supervisor's mode (API or DTMF); false when no supervisor is on the call.</summary>
    public bool SetMode(MonitoringMode mode)
    {
        if (Supervisor is not { } supervisor)
        {
            return false;
        }

        if (mode == supervisor.Mode)
        {
            return true;
        }

        supervisor.Mode = mode;
        supervisor.Modes.Add(MonitoringModes.Name(mode));
        if (supervisor.Joined)
        {
            ApplyHearing();
            events.Publish(MonitorEvents.Changed(call.Id, call.Queue, call.Connected?.AgentId, supervisor.Target, MonitoringModes.Name(mode)));
            Log.ModeChanged(logger, call.Id, supervisor.Target, mode);
        }

        return true;
    }

    /// <summary>DTMF from the supervisor's phone: 4 listen, 5 whisper, 6 barge (each tone once).</summary>
    public void OnDtmf(MonitorDtmfSignal signal)
    {
        // Only the supervisor's keys switch modes.
        if (Supervisor is not { } supervisor || !ReferenceEquals(supervisor.Audio, signal.From) || (_hasDtmf && signal.RtpTimestamp == _lastDtmf))
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

    /// <summary>Whether <paramref name="leg"/> is one of the parties' INVITEs (its responses come here).</summary>
    public bool Owns(CalleeLeg leg) => _parties.Any(p => ReferenceEquals(p.Leg, leg));

    /// <summary>Whether <paramref name="dialog"/> is a party's (its BYE ends that party, not the call).</summary>
    public bool Owns(SipDialog dialog) => PartyOf(dialog) is not null;

    public ThirdParty? PartyOf(SipDialog dialog) => _parties.FirstOrDefault(p => p.Leg.Dialog is { } own && ReferenceEquals(own, dialog));

    /// <summary>A party's phone answered (it joins the mix) or failed (nothing changes for the call).</summary>
    public async Task OnFinalAsync(CalleeLeg leg, SipResponse response)
    {
        var party = _parties.First(p => ReferenceEquals(p.Leg, leg));
        if (!response.IsSuccess)
        {
            Log.NotReached(logger, call.Id, party.Role, response.StatusCode);
            await RemoveAsync(party, "no-answer", bye: false);
            return;
        }

        var dialog = leg.AcceptDialog(response);
        call.Legs.Answered(leg);
        call.MapDialog(dialog, CallLegSide.Callee);
        await call.Sender.SendAckAsync(dialog, leg.Invite.CSeq!.Number, leg.Destination);
        var answer = SdpBodies.ReadAnswer(response, leg.Offer);
        if (leg.CancelRequested || call.HasEnded || call.Connected is null || answer is null || _bridge is null)
        {
            await RemoveAsync(party, answer is null ? "bad-answer" : "call-moved", bye: true);
            return;
        }

        party.Audio.SetRemote(answer.RemoteRtp, answer.RemoteRtcp);
        party.Audio.TelephoneEventPayloadType = answer.TelephoneEventPayloadType ?? -1;
        party.RemoteRtp = answer.RemoteRtp;
        party.RemoteRtcp = answer.RemoteRtcp;
        party.TelephoneEventPayloadType = answer.TelephoneEventPayloadType ?? -1;
        if (_customer is null)
        {
            if (!_bridge.TryAdoptRelay(call.Relay, out var customer, out var agent, out var error))
            {
                Log.AdoptFailed(logger, call.Id, error);
                await RemoveAsync(party, "media", bye: true);
                return;
            }

            // Leg A is the customer unless the agent placed the call (click to dial, an agent's own call).
            (_customer, _agent) = call.Flow.CallingAgent is null ? (customer, agent) : (agent, customer);
            _bridge.Start();
        }

        party.Joined = true;
        party.Since = time.GetUtcNow();
        ApplyHearing();
        switch (party.Role)
        {
            case ThirdPartyRole.Supervisor:
                events.Publish(MonitorEvents.Started(call.Id, call.Queue, call.Connected.AgentId, party.Target, MonitoringModes.Name(party.Mode)));
                break;
            case ThirdPartyRole.Conference:
                events.Publish(MonitorEvents.ConferenceJoined(call.Id, call.Queue, call.Connected.AgentId, Masked(party)));
                break;
        }

        Log.Joined(logger, call.Id, party.Role, party.Mode);
        if (Joined is { } joined)
        {
            await joined(party);
        }
    }

    /// <summary>A party's phone rang too long.</summary>
    public Task OnGuardAsync(CalleeLeg leg)
    {
        leg.Cancel();
        return _parties.FirstOrDefault(p => ReferenceEquals(p.Leg, leg)) is { } party ? RemoveAsync(party, "no-answer", bye: false) : Task.CompletedTask;
    }

    /// <summary>A party's phone hung up: the call goes on as before.</summary>
    public Task OnByeAsync(SipDialog dialog) =>
        PartyOf(dialog) is { } party ? RemoveAsync(party, party.Role == ThirdPartyRole.Supervisor ? "supervisor-left" : "left", bye: false) : Task.CompletedTask;

    /// <summary>Ends every party of <paramref name="role"/> (all when null): BYE or CANCEL, the relay back to itself once none is left.</summary>
    public async Task EndAsync(string reason, ThirdPartyRole? role = null)
    {
        foreach (var party in _parties.Where(p => role is null || p.Role == role).ToArray())
        {
            await RemoveAsync(party, reason, bye: true);
        }
    }

    /// <summary>Ends one party: BYE (or CANCEL while it rings) unless its phone already left, then its record and event.</summary>
    public async Task RemoveAsync(ThirdParty party, string reason, bool bye = true)
    {
        if (!_parties.Remove(party))
        {
            return;
        }

        if (party.Leg.Dialog is { } dialog)
        {
            call.UnmapDialog(dialog);
            if (bye)
            {
                call.Sender.SendBye(dialog, Q850Causes.NormalClearing);
            }
        }
        else
        {
            party.Leg.Cancel();
        }

        await DetachAsync(party);
        if (party.Joined)
        {
            var now = time.GetUtcNow();
            var seconds = Math.Round((now - party.Since).TotalSeconds, 3);
            switch (party.Role)
            {
                case ThirdPartyRole.Supervisor:
                    _sessions.Add(new CdrMonitoringSession(party.Target, [.. party.Modes], party.Since, now));
                    events.Publish(MonitorEvents.Ended(call.Id, call.Queue, call.Connected?.AgentId, party.Target, reason, seconds));
                    break;
                case ThirdPartyRole.Conference:
                    _sessions.Add(new CdrMonitoringSession(Masked(party), [.. party.Modes], party.Since, now));
                    events.Publish(MonitorEvents.ConferenceLeft(call.Id, call.Queue, call.Connected?.AgentId, Masked(party), reason, seconds));
                    break;
            }
        }

        Log.Left(logger, call.Id, party.Role, reason);
        if (Left is { } left)
        {
            await left(party, reason);
        }
    }

    /// <summary>
    /// Takes the answered consult target off the mixer without hanging it up (an attended transfer completing): its
    /// dialog stays mapped to the call, and the relay goes back to plain relaying once no party is left.
    /// </summary>
    public async Task<ThirdParty?> TakeConsultAsync()
    {
        if (Consult is not { Joined: true } party)
        {
            return null;
        }

        _parties.Remove(party);
        await DetachAsync(party);
        return party;
    }

    private async Task DetachAsync(ThirdParty party)
    {
        if (_bridge is { } bridge)
        {
            bridge.Remove(party.Audio);
            ApplyHearing();
        }

        await ReleaseBridgeIfIdleAsync();
    }

    private CallCommandResult? Refusal(ThirdPartyRole role, string target, Func<CallView> describe)
    {
        var action = role switch
        {
            ThirdPartyRole.Supervisor => "be monitored",
            ThirdPartyRole.Conference => "become a conference",
            _ => "be transferred with consultation",
        };
        if (call.Connected is null)
        {
            return CallCommandResult.Conflict(describe(), $"The call is {CallStates.Waiting}: only a connected call can {action}.");
        }

        if (Consult is not null)
        {
            return CallCommandResult.Conflict(describe(), $"An attended transfer to '{Consult.Target}' is in progress: complete or cancel it first.");
        }

        if (role == ThirdPartyRole.Consult && _parties.Count > 0)
        {
            return CallCommandResult.Conflict(describe(), "A supervisor or conference member is on the call: end the monitoring or conference first.");
        }

        if (role == ThirdPartyRole.Supervisor && Supervisor is { } supervisor)
        {
            return CallCommandResult.Conflict(describe(), $"'{supervisor.Target}' is already monitoring the call.");
        }

        if (target == call.Connected.AgentId || _parties.Any(p => p.Target == target))
        {
            return CallCommandResult.Invalid(describe(), $"'{target}' is already on the call.");
        }

        return _parties.Count >= MaxParties
            ? CallCommandResult.Conflict(describe(), $"The call already has {MaxParties} parties beside customer and agent, the most it takes.")
            : null;
    }

    private RtpMixingBridge NewBridge()
    {
        var bridge = new RtpMixingBridge(call.Id, ports, relayOptions, time, bridgeLogger);
        bridge.DtmfReceived += (_, e) =>
        {
            if (!e.End)
            {
                call.Post(new MonitorDtmfSignal(e.Digit, e.RtpTimestamp, e.Participant));
            }
        };
        _bridge = bridge;
        return bridge;
    }

    private async Task ReleaseBridgeIfIdleAsync()
    {
        if (_parties.Count > 0 || _bridge is not { } bridge)
        {
            return;
        }

        _bridge = null;
        if (_customer is not null)
        {
            bridge.ReleaseRelay(call.Relay);
        }

        _customer = _agent = null;
        await bridge.DisposeAsync();
    }

    /// <summary>Applies <see cref="ThirdPartyHearing"/> to the whole mix at once.</summary>
    private void ApplyHearing()
    {
        if (_bridge is not { } bridge || _customer is null || _agent is null)
        {
            return;
        }

        var seats = new List<RtpBridgeParticipant>(2 + _parties.Count) { _customer, _agent };
        seats.AddRange(_parties.Select(p => p.Audio));
        var parties = _parties.Select(p => new ThirdPartySeat(p.Role, p.Mode, p.Joined)).ToArray();
        bridge.SetHearing(seats, (listener, speaker) => ThirdPartyHearing.Hears(parties, listener, speaker));
    }

    private ThirdParty? Find(ThirdPartyRole role) => _parties.FirstOrDefault(p => p.Role == role);

    private string CallerNumber() => call.Route.Trunk.Dids.Dids.FirstOrDefault() ?? "cti";

    public static string Masked(ThirdParty party) => party.IsAgent ? party.Target : Cti.Numbers.PhoneNumberMask.Mask(party.Target) ?? party.Target;

    private static string Describe(ThirdPartyRole role) => role switch
    {
        ThirdPartyRole.Supervisor => "supervisor",
        ThirdPartyRole.Conference => "conference",
        _ => "consult",
    };

    public static string ModeName(ThirdParty party) => party.Role switch
    {
        ThirdPartyRole.Supervisor => MonitoringModes.Name(party.Mode),
        ThirdPartyRole.Conference => MonitoringModes.Conference,
        _ => MonitoringModes.Consult,
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 5140, Level = LogLevel.Information, Message = "Call {CallId}: ringing a {Role} party ({Mode})")]
        public static partial void Ringing(ILogger logger, string callId, ThirdPartyRole role, MonitoringMode mode);

        [LoggerMessage(EventId = 5141, Level = LogLevel.Information, Message = "Call {CallId}: the {Role} joined ({Mode})")]
        public static partial void Joined(ILogger logger, string callId, ThirdPartyRole role, MonitoringMode mode);

        [LoggerMessage(EventId = 5142, Level = LogLevel.Information, Message = "Call {CallId}: supervisor {Supervisor} now in {Mode}")]
        public static partial void ModeChanged(ILogger logger, string callId, string supervisor, MonitoringMode mode);

        [LoggerMessage(EventId = 5143, Level = LogLevel.Information, Message = "Call {CallId}: the {Role} left ({Reason})")]
        public static partial void Left(ILogger logger, string callId, ThirdPartyRole role, string reason);

        [LoggerMessage(EventId = 5144, Level = LogLevel.Information, Message = "Call {CallId}: the {Role} party not reached ({Status})")]
        public static partial void NotReached(ILogger logger, string callId, ThirdPartyRole role, int status);

        [LoggerMessage(EventId = 5145, Level = LogLevel.Warning, Message = "Call {CallId}: the mixer could not take the call's audio ({Error})")]
        public static partial void AdoptFailed(ILogger logger, string callId, RtpBridgeJoinError error);
    }
}
