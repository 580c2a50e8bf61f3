using System.Collections.Concurrent;
using Cti.Sip.Stack;

namespace Cti.Sip.Tests.Stack;

internal sealed class CountingObserver : ISipStackObserver
{
    public ConcurrentQueue<string> Requests { get; } = new();

    public ConcurrentQueue<int> Responses { get; } = new();

    public ConcurrentQueue<string> ParseErrors { get; } = new();

    public ConcurrentQueue<int> TransactionCounts { get; } = new();

    public void OnRequestReceived(string method) => Requests.Enqueue(method);

    public void OnResponseSent(int statusCode) => Responses.Enqueue(statusCode);

    public void OnParseError(string reason) => ParseErrors.Enqueue(reason);

    public void OnTransactionCountChanged(int activeTransactions) => TransactionCounts.Enqueue(activeTransactions);
}
