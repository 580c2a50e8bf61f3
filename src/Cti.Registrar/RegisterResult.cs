namespace Cti.Registrar;

/// <param name="Bindings">All current bindings of the AOR after the request (for 200).</param>
/// <param name="Changed">True when stored bindings were added, refreshed or removed.</param>
/// <param name="Reason">Human-readable reason phrase detail for a failure.</param>
internal sealed record RegisterResult(
    RegisterOutcome Outcome,
    IReadOnlyList<RegistrarBinding> Bindings,
    bool Changed,
    int MinExpires = 0,
    string? Reason = null);
