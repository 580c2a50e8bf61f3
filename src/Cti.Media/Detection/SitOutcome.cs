namespace Cti.Media.Detection;

/// <summary>What the early media (or the first seconds after answer) say about a call that should not count as live.</summary>
public enum SitOutcome
{
    /// <summary>Nothing recognised yet: keep feeding frames.</summary>
    Undecided,

    /// <summary>The analysis time after answer passed without a tone: the answer stands.</summary>
    None,

    /// <summary>A tone saying the number does not exist or changed: do not redial it.</summary>
    InvalidNumber,

    /// <summary>A tone saying the network could not complete the call: retry later.</summary>
    NetworkFailure,

    /// <summary>Speech-like early media before any answer: most likely a recorded announcement; the caller decides.</summary>
    Announcement,
}
