namespace Cti.Trunks.Registration;

/// <summary>The <c>registration</c> object of a trunk in GET /api/v1/trunks; null when the trunk does not register.</summary>
internal sealed record TrunkRegistrationView(
    string User,
    string State,
    int? LastStatusCode,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? UpdatedAt,
    string? Peer)
{
    public static TrunkRegistrationView From(TrunkRegistrationOptions options, TrunkRegistrationStatus status)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new TrunkRegistrationView(options.User, status.State ?? TrunkRegistrationStates.Unregistered, status.LastStatusCode, status.ExpiresAt, status.UpdatedAt, status.Peer);
    }
}
