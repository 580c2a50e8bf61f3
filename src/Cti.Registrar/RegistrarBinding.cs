namespace Cti.Registrar;

/// <summary>One contact bound to an address-of-record (an extension).</summary>
/// <param name="ContactUri">The URI exactly as the client sent it inside the Contact header.</param>
/// <param name="Q">The q-value 0..1, or null when the client gave none.</param>
/// <param name="Reachable">Outcome of the last OPTIONS ping; null until the first ping answered or failed.</param>
internal sealed record RegistrarBinding(
    string Aor,
    string ContactUri,
    double? Q,
    DateTimeOffset ExpiresAt,
    string CallId,
    long CSeq,
    string SourceTransport,
    string SourceAddress,
    string? UserAgent,
    bool? Reachable)
{
    public int SecondsLeft(DateTimeOffset now) =>
        (int)Math.Max(0, Math.Ceiling((ExpiresAt - now).TotalSeconds));
}
