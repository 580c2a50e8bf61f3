using Cti.Sip.Messages;
using Cti.Sip.Parsing;

namespace Cti.Sip.Transport;

/// <summary>Where the listeners deliver what they read (the stack).</summary>
internal interface ISipTransportSink
{
    /// <summary>A parsed message. Called on the receive loop: must not block.</summary>
    void OnMessage(SipMessage message, SipEndPoint source);

    /// <summary>Bytes that failed to parse. For TCP the connection is closed once this completes.</summary>
    ValueTask OnParseErrorAsync(SipParseError error, SipEndPoint source);
}
