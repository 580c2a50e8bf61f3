namespace Cti.Sip.Sdp;

/// <summary>The <c>o=</c> line: <c>o=&lt;username&gt; &lt;sess-id&gt; &lt;sess-version&gt; &lt;nettype&gt; &lt;addrtype&gt; &lt;unicast-address&gt;</c>.</summary>
/// <param name="UserName">User name, <c>-</c> when none.</param>
/// <param name="SessionId">Session id, kept as text because some devices send values wider than 64 bits.</param>
/// <param name="SessionVersion">Version, increased by the writer every time the description changes (RFC 3264 §8).</param>
/// <param name="NetworkType">Normally <c>IN</c>.</param>
/// <param name="AddressType"><c>IP4</c> or <c>IP6</c>.</param>
/// <param name="Address">The originator's address or host name.</param>
public sealed record SdpOrigin(string UserName, string SessionId, ulong SessionVersion, string NetworkType, string AddressType, string Address);
