namespace Cti.Host.Trunks;

/// <summary>Credentials to register with the carrier; kept in configuration only until outbound registration exists.</summary>
internal sealed class TrunkRegistrationOptions
{
    public string User { get; set; } = string.Empty;

    public string Password { get; set; } = string.Empty;

    public int Expires { get; set; } = 3600;
}
