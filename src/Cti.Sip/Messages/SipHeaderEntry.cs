namespace Cti.Sip.Messages;

/// <summary>
/// One header line: for a parsed message, byte ranges into the message's own copy of the bytes
/// with the name and value strings created on first use; for a built header, the strings themselves.
/// </summary>
internal struct SipHeaderEntry
{
    /// <summary>Canonical name; set at parse time for known headers, lazily for unknown ones.</summary>
    public string? Name;

    /// <summary>Unfolded value; created on first access.</summary>
    public string? Value;

    public int NameStart;
    public int NameLength;
    public int ValueStart;
    public int ValueLength;

    /// <summary>The value spans continuation lines (CRLF + WSP) that must become single spaces.</summary>
    public bool Folded;
}
