namespace Cti.Registrar;

/// <summary>The parts of a REGISTER the registrar needs, independent of the SIP message model.</summary>
/// <param name="Aor">The extension from the To URI.</param>
/// <param name="Contacts">The Contact entries; empty (and not wildcard) means a query.</param>
/// <param name="IsWildcard">The request carried <c>Contact: *</c>.</param>
/// <param name="ExpiresHeader">The Expires header; null when absent, -1 when not a number.</param>
internal sealed record RegisterCommand(
    string Aor,
    IReadOnlyList<RegisterContact> Contacts,
    bool IsWildcard,
    long? ExpiresHeader,
    string CallId,
    long CSeq,
    string SourceTransport,
    string SourceAddress,
    string? UserAgent);
