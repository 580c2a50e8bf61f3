namespace Cti.Sip.Transport;

/// <summary>Transport protocols the stack listens on.</summary>
public enum SipTransportProtocol
{
    Udp,
    Tcp,
}
