namespace Cti.Host.SipRouting;

/// <summary>Whether the SIP listeners are bound; /healthz reports it.</summary>
internal sealed class SipListenerStatus
{
    private volatile IReadOnlyList<string> _endpoints = [];
    private volatile bool _listening;

    public bool IsListening => _listening;

    public IReadOnlyList<string> Endpoints => _endpoints;

    public void MarkListening(IReadOnlyList<string> endpoints)
    {
        _endpoints = endpoints;
        _listening = true;
    }

    public void MarkStopped() => _listening = false;
}
