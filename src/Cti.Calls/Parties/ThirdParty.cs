using System.Net;
using Cti.Calls.Legs;
using Cti.Media.Mixing;

namespace Cti.Calls.Parties;

/// <summary>One party on a call beyond the customer and the agent: its INVITE, its mixer endpoint and its history.</summary>
internal sealed class ThirdParty(ThirdPartyRole role, string target, CalleeLeg leg, RtpBridgeParticipant audio, MonitoringMode mode)
{
    public ThirdPartyRole Role { get; } = role;

    /// <summary>The agent id or the E.164 number that was called.</summary>
    public string Target { get; } = target;

    /// <summary>Whether <see cref="Target"/> is an agent (else a number through the trunk).</summary>
    public bool IsAgent { get; init; }

    public CalleeLeg Leg { get; } = leg;

    public RtpBridgeParticipant Audio { get; } = audio;

    /// <summary>The supervisor's mode (<see cref="MonitoringMode.Barge"/> for the others: they hear and are heard).</summary>
    public MonitoringMode Mode { get; set; } = mode;

    /// <summary>Every mode the party was in, in order, for the CDR.</summary>
    public List<string> Modes { get; } = [];

    /// <summary>Answered and in the mix.</summary>
    public bool Joined { get; set; }

    public DateTimeOffset Since { get; set; }

    /// <summary>Where the party's phone sends and receives audio (from its answer), to move it onto the relay later.</summary>
    public IPEndPoint? RemoteRtp { get; set; }

    public IPEndPoint? RemoteRtcp { get; set; }

    public int TelephoneEventPayloadType { get; set; } = -1;
}
