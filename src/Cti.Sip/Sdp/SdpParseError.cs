namespace Cti.Sip.Sdp;

/// <summary>A rejection reason and the 1-based line it was found on (0 when not tied to a line).</summary>
/// <param name="Code">What is wrong.</param>
/// <param name="Line">1-based line number, or 0.</param>
public readonly record struct SdpParseError(SdpParseErrorCode Code, int Line)
{
    /// <summary>No error.</summary>
    public static SdpParseError None => default;

    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"{Code} at line {Line}" : Code.ToString();
}
