using Cti.Sip.Messages;
using Cti.Sip.Transport;

namespace Cti.Calls;

/// <summary>Where to ring an agent: the Request-URI and the flow to send the INVITE on.</summary>
internal sealed record AgentContact(SipUri Uri, SipEndPoint Destination, bool IsRegistered);
