namespace Cti.Cdrs;

/// <summary>How a call ended. Wire names are kebab-case: <c>timed-out</c>, <c>no-answer</c>, …</summary>
internal enum CdrDisposition
{
    Answered,
    Abandoned,
    TimedOut,
    Overflowed,
    Failed,
    Busy,
    NoAnswer,
    InvalidNumber,
    NetworkFailure,

    /// <summary>Ended through the call-control API before anyone answered (not an abandon: the caller did not leave).</summary>
    Released,
}
