namespace Cti.Sip.Parsing;

/// <summary>
/// Every bound the parser enforces. A message that exceeds one is rejected with the matching
/// <see cref="SipParseErrorReason"/> (513 Message Too Large) rather than buffered without end.
/// </summary>
public sealed class SipParserLimits
{
    public static SipParserLimits Default { get; } = new();

    /// <summary>Whole message (start line, headers and body). Default 65,535: the largest UDP payload.</summary>
    public int MaxMessageBytes { get; init; } = 65_535;

    /// <summary>Header lines (a folded header counts once). Default 128.</summary>
    public int MaxHeaderCount { get; init; } = 128;

    /// <summary>Any single physical line, start line included. Default 8,192.</summary>
    public int MaxLineLength { get; init; } = 8_192;

    /// <summary>Body octets (Content-Length). Default 65,535.</summary>
    public int MaxBodyBytes { get; init; } = 65_535;

    /// <summary>
    /// When true (default) the parser also checks the Request-URI and the syntax of Via, From, To, Call-ID, CSeq,
    /// Max-Forwards and Contact, so a malformed core header is a parse error (400) rather than a surprise later.
    /// The check allocates nothing; typed values are still built on first access. False leaves only framing checks.
    /// </summary>
    public bool ValidateHeaderSyntax { get; init; } = true;

    /// <summary>Every problem with these limits; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxMessageBytes < 512)
        {
            errors.Add($"{nameof(MaxMessageBytes)} must be at least 512.");
        }

        if (MaxHeaderCount < 8)
        {
            errors.Add($"{nameof(MaxHeaderCount)} must be at least 8.");
        }

        if (MaxLineLength < 128)
        {
            errors.Add($"{nameof(MaxLineLength)} must be at least 128.");
        }

        if (MaxBodyBytes < 0)
        {
            errors.Add($"{nameof(MaxBodyBytes)} must not be negative.");
        }

        return errors;
    }
}
