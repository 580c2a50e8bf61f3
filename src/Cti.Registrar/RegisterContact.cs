namespace Cti.Registrar;

/// <summary>A Contact from a REGISTER: the URI as written, and its expires and q parameters when present.</summary>
/// <param name="Expires">The expires parameter; null when absent, -1 when present but not a number.</param>
/// <param name="Q">The q parameter as written; null when absent.</param>
internal sealed record RegisterContact(string Uri, long? Expires, string? Q);
