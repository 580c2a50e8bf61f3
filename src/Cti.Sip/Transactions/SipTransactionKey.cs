namespace Cti.Sip.Transactions;

/// <summary>
/// Transaction table key. Server side: branch + method (ACK matches INVITE) + sent-by (RFC 3261 §17.2.3).
/// Client side: branch + CSeq method (§17.1.3). RFC 2543 peers (branch without the magic cookie) get a
/// composite Branch built from Request-URI, From tag, Call-ID, CSeq number and the top Via.
/// </summary>
internal readonly record struct SipTransactionKey(string Branch, string Method, string SentBy);
