namespace Cti.Sip.Sdp;

/// <summary>An <c>a=</c> line: a property attribute (<c>a=sendonly</c>, <see cref="Value"/> null) or a value attribute (<c>a=rtpmap:0 PCMU/8000</c>).</summary>
/// <param name="Name">Attribute name, case preserved.</param>
/// <param name="Value">Text after the first colon, verbatim; null for property attributes.</param>
public sealed record SdpAttribute(string Name, string? Value = null)
{
    /// <summary>Whether this attribute has the given name (compared case-sensitively, as RFC 8866 §5.13 defines names).</summary>
    public bool Is(string name) => string.Equals(Name, name, StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => Value is null ? Name : Name + ":" + Value;
}
