using Cti.Media.Mixing;

namespace Cti.Calls.Parties;

/// <summary>What the hearing rule needs to know of a party.</summary>
internal readonly record struct ThirdPartySeat(ThirdPartyRole Role, MonitoringMode Mode, bool Joined);

/// <summary>
/// Who hears whom on a call with third parties, as one rule: seat 0 is the customer, seat 1 the agent, then the
/// parties in order. Parties not yet answered hear and are heard by nobody. An answered consult (attended transfer)
/// leaves the agent and the target alone together while the customer is held; otherwise customer, agent and
/// conference members all hear each other, and a supervisor hears everyone and is heard as their mode says.
/// </summary>
internal static class ThirdPartyHearing
{
    public const int Customer = 0;
    public const int Agent = 1;

    public static bool Hears(IReadOnlyList<ThirdPartySeat> parties, int listener, int speaker)
    {
        ArgumentNullException.ThrowIfNull(parties);
        if (listener == speaker)
        {
            return false;
        }

        var consulting = parties.Any(p => p.Joined && p.Role == ThirdPartyRole.Consult);
        var heard = Seat(parties, speaker);
        var hearing = Seat(parties, listener);
        if (hearing is null && listener >= 2 || heard is null && speaker >= 2)
        {
            // A party still ringing.
            return false;
        }

        if (consulting)
        {
            return IsConsultPair(hearing, heard, listener, speaker);
        }

        if (hearing is { Role: ThirdPartyRole.Supervisor })
        {
            return true;
        }

        if (heard is { Role: ThirdPartyRole.Supervisor } supervisor)
        {
            return supervisor.Mode switch
            {
                MonitoringMode.Barge => true,
                MonitoringMode.Whisper => listener == Agent,
                _ => false,
            };
        }

        // Customer, agent and conference members.
        return true;
    }

    private static bool IsConsultPair(ThirdPartySeat? hearing, ThirdPartySeat? heard, int listener, int speaker) =>
        (listener == Agent && heard is { Role: ThirdPartyRole.Consult }) ||
        (speaker == Agent && hearing is { Role: ThirdPartyRole.Consult });

    private static ThirdPartySeat? Seat(IReadOnlyList<ThirdPartySeat> parties, int seat) =>
        seat >= 2 && parties[seat - 2] is { Joined: true } party ? party : null;
}
