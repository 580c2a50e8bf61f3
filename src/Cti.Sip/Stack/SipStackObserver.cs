namespace Cti.Sip.Stack;

/// <summary>Stock observers.</summary>
public static class SipStackObserver
{
    /// <summary>An observer that ignores everything.</summary>
    public static ISipStackObserver None { get; } = new NoOpObserver();

    private sealed class NoOpObserver : ISipStackObserver
    {
    }
}
