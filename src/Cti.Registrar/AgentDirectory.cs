using Cti.Sip.Auth;

namespace Cti.Registrar;

/// <summary>
/// The configured SIP accounts with their digest HA1 values. Clear-text passwords are hashed once here and not
/// kept, so nothing downstream can log them.
/// </summary>
internal sealed class AgentDirectory
{
    private readonly Dictionary<string, AgentAccount> _accounts;

    public AgentDirectory(IEnumerable<AgentOptions> agents, string realm)
    {
        ArgumentNullException.ThrowIfNull(agents);
        _accounts = new Dictionary<string, AgentAccount>(StringComparer.Ordinal);
        foreach (var agent in agents)
        {
            var md5 = agent.Password is { Length: > 0 } password
                ? Ha1.Compute(agent.Extension, realm, password, DigestAlgorithm.Md5)
                : agent.Ha1Md5?.ToLowerInvariant();
            var sha256 = agent.Password is { Length: > 0 } password2
                ? Ha1.Compute(agent.Extension, realm, password2, DigestAlgorithm.Sha256)
                : agent.Ha1Sha256?.ToLowerInvariant();
            _accounts[agent.Extension] = new AgentAccount(agent.Extension, agent.DisplayName ?? agent.Extension, md5, sha256);
        }
    }

    public IReadOnlyCollection<AgentAccount> Accounts => _accounts.Values;

    public AgentAccount? Find(string extension) => _accounts.GetValueOrDefault(extension);

    /// <summary>The HA1 lookup the digest authenticator calls; null for unknown users or a missing algorithm.</summary>
    public string? LookupHa1(string user, DigestAlgorithm algorithm) =>
        _accounts.TryGetValue(user, out var account)
            ? algorithm == DigestAlgorithm.Sha256 ? account.Ha1Sha256 : account.Ha1Md5
            : null;
}
