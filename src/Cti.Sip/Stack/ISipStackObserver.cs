namespace Cti.Sip.Stack;

/// <summary>
/// Hooks the host turns into metrics. Every method has a no-op default; implementations must be cheap and
/// thread-safe (they are called on receive loops and the timer heartbeat). Labels passed in are bounded:
/// methods outside <see cref="Messages.SipMethods.All"/> arrive as <c>OTHER</c>.
/// </summary>
public interface ISipStackObserver
{
    /// <summary>A request passed parsing (retransmissions included).</summary>
    void OnRequestReceived(string method)
    {
    }

    /// <summary>A response was handed to the transport (retransmissions included).</summary>
    void OnResponseSent(int statusCode)
    {
    }

    /// <summary>A message could not be parsed; <paramref name="reason"/> is the parser's rejection reason name.</summary>
    void OnParseError(string reason)
    {
    }

    /// <summary>The number of live transactions changed.</summary>
    void OnTransactionCountChanged(int activeTransactions)
    {
    }
}
