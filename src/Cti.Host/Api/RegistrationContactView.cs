namespace Cti.Host.Api;

/// <param name="Expires">Seconds left until the binding expires.</param>
/// <param name="Reachable">Result of the last OPTIONS ping; null until the first ping finished.</param>
internal sealed record RegistrationContactView(
    string Uri,
    int Expires,
    double? Q,
    bool? Reachable,
    string Transport,
    string SourceAddress,
    string? UserAgent);
