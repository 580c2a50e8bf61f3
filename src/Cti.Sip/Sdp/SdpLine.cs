namespace Cti.Sip.Sdp;

/// <summary>A line this library does not model (<c>i=</c>, <c>u=</c>, <c>e=</c>, <c>p=</c>, <c>b=</c>, <c>r=</c>, <c>z=</c>, <c>k=</c>, unknown letters), kept verbatim.</summary>
/// <param name="Type">The line letter.</param>
/// <param name="Value">Everything after <c>=</c>.</param>
public sealed record SdpLine(char Type, string Value);
