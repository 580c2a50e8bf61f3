using Cti.Platform.Metrics;
using Cti.Sip.Stack;

namespace Cti.Host.SipRouting;

/// <summary>Feeds the stack's callbacks into the Prometheus metrics; cheap and thread-safe as the stack requires.</summary>
internal sealed class SipMetricsObserver : ISipStackObserver
{
    private readonly CtiMetrics _metrics;

    public SipMetricsObserver(CtiMetrics metrics) => _metrics = metrics;

    public void OnRequestReceived(string method) => _metrics.RequestReceived(method);

    public void OnResponseSent(int statusCode) => _metrics.ResponseSent(statusCode);

    public void OnParseError(string reason) => _metrics.ParseError(reason);

    public void OnTransactionCountChanged(int activeTransactions) => _metrics.TransactionsActive.Set(activeTransactions);
}
