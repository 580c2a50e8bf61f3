namespace Cti.Trunks.Registration;

/// <summary>A trunk's live registration state as the API shows it.</summary>
internal readonly record struct TrunkRegistrationStatus(
    string State,
    int? LastStatusCode,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? UpdatedAt,
    string? Peer)
{
    public static TrunkRegistrationStatus Initial => new(TrunkRegistrationStates.Unregistered, null, null, null, null);
}
