namespace Cti.Dialer.Campaigns;

/// <summary>Outcomes that put a lead back in the queue for a later attempt.</summary>
public enum RetryReason
{
    Busy,
    NoAnswer,
    NetworkFailure,
    AnsweringMachine,
    Abandoned,
}
