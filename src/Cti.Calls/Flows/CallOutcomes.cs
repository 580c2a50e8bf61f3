using Cti.Cdrs;
using Cti.Dialer.Campaigns;

namespace Cti.Calls.Flows;

/// <summary>How a final response to a number we ring reads for the dialer and the CDR.</summary>
internal static class CallOutcomes
{
    /// <summary>The dialer outcome of a final response to the customer INVITE (see docs/dialer.md, "Real dialing").</summary>
    public static CallOutcome OutcomeOf(int status) => status switch
    {
        486 or 600 or 603 => CallOutcome.Busy,
        408 or 480 or 487 => CallOutcome.NoAnswer,
        404 or 484 or 604 => CallOutcome.Invalid,
        _ => CallOutcome.NetworkFailure,
    };

    public static CdrDisposition DispositionOf(CallOutcome outcome) => outcome switch
    {
        CallOutcome.Busy => CdrDisposition.Busy,
        CallOutcome.NoAnswer => CdrDisposition.NoAnswer,
        CallOutcome.Invalid => CdrDisposition.InvalidNumber,
        CallOutcome.Abandoned => CdrDisposition.Abandoned,
        CallOutcome.AnsweredLive or CallOutcome.AnsweredMachine => CdrDisposition.Answered,
        _ => CdrDisposition.NetworkFailure,
    };
}
