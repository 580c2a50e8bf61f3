using Cti.Sip.Dialogs;
using Cti.Sip.Sdp;

namespace Cti.Calls.Legs;

/// <summary>
/// One party of a call as its loop sees it: a caller answered or dialled through a trunk, a caller on a gateway line,
/// an agent or a transfer target we ring. A new kind of party (a supervisor listening in) is one more implementation;
/// the call drives every leg through these members, always on its own loop.
/// </summary>
internal interface ICallLeg
{
    /// <summary>Which side of the relay carries the party: the caller on leg A, the callee on leg B.</summary>
    CallLegSide Side { get; }

    /// <summary>The leg's dialog once it is up; null while it rings (or while a line's audio is not up yet).</summary>
    SipDialog? Dialog { get; }

    /// <summary>What we offer or answer the party in a re-INVITE (hold, resume, refresh), with the next SDP version.</summary>
    SdpMediaOptions? NextMedia(SdpDirection direction);

    /// <summary>Hangs the party up: BYE once up, a CANCEL or a final error while it is not.</summary>
    Task HangUpAsync(int status, string reason, int q850);
}
