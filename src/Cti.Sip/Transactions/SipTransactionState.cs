namespace Cti.Sip.Transactions;

/// <summary>States of the RFC 3261 §17 machines; <see cref="Accepted"/> is the RFC 6026 state after a 2xx to INVITE.</summary>
internal enum SipTransactionState
{
    Calling,
    Trying,
    Proceeding,
    Completed,
    Confirmed,
    Accepted,
    Terminated,
}
