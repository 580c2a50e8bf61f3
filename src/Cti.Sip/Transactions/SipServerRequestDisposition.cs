namespace Cti.Sip.Transactions;

/// <summary>What the transaction layer did with a received request.</summary>
internal enum SipServerRequestDisposition
{
    /// <summary>A new server transaction was created; the request goes to the TU.</summary>
    NewTransaction,

    /// <summary>A retransmission absorbed by an existing transaction (last response re-sent if any).</summary>
    Retransmission,

    /// <summary>An ACK for a non-2xx final, absorbed by the INVITE server transaction.</summary>
    AckAbsorbed,

    /// <summary>An ACK for a 2xx we sent; it stopped our 2xx retransmissions and belongs to the TU (dialog layer).</summary>
    AckFor2xx,

    /// <summary>An ACK that matches nothing; dropped (ACK is never answered).</summary>
    StrayAck,

    /// <summary>A CANCEL, answered by the layer (200 and 487 to the INVITE, or 481).</summary>
    CancelHandled,
}
