namespace Cti.Registrar;

/// <summary>A SIP account as the registrar sees it: no password, only HA1 values per algorithm.</summary>
internal sealed record AgentAccount(string Extension, string DisplayName, string? Ha1Md5, string? Ha1Sha256)
{
    // Records print every property; HA1 values are secrets.
    public override string ToString() => $"AgentAccount {{ Extension = {Extension}, DisplayName = {DisplayName} }}";
}
