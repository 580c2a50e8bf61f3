namespace Cti.Sip.Transactions;

/// <summary>A scheduled callback on the <see cref="SipTimerWheel"/>; cancel it to stop it firing.</summary>
internal sealed class SipTimerHandle
{
    private volatile bool _cancelled;

    public SipTimerHandle(Action callback)
    {
        Callback = callback;
    }

    public Action Callback { get; }

    public bool IsCancelled => _cancelled;

    public void Cancel() => _cancelled = true;
}
