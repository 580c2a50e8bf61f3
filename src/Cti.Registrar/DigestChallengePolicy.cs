using Cti.Sip.Auth;

namespace Cti.Registrar;

/// <summary>
/// Which digest algorithms a phone is challenged with, and so which answers are accepted from it. The site offers
/// <c>Cti:Registrar:ChallengeAlgorithms</c> (MD5 alone by default: common phones such as baresip 1.0 give up on any
/// 401 that names SHA-256); an agent's <c>DigestAlgorithms</c> overrides it for phones known to do SHA-256. An answer
/// in an algorithm that was not offered is refused, so an agent set to SHA-256 alone cannot be downgraded to MD5.
/// </summary>
internal sealed class DigestChallengePolicy
{
    private readonly DigestAlgorithm[] _site;
    private readonly Dictionary<string, DigestAlgorithm[]> _perAgent = new(StringComparer.Ordinal);

    public DigestChallengePolicy(IReadOnlyList<string> siteAlgorithms, IEnumerable<AgentOptions> agents)
    {
        ArgumentNullException.ThrowIfNull(siteAlgorithms);
        ArgumentNullException.ThrowIfNull(agents);
        _site = Parse(siteAlgorithms.Count == 0 ? RegistrarOptions.DefaultChallengeAlgorithms : siteAlgorithms);
        foreach (var agent in agents.Where(a => a.DigestAlgorithms.Count > 0))
        {
            _perAgent[agent.Extension] = Parse(agent.DigestAlgorithms);
        }
    }

    /// <summary>The site's policy alone (no per-agent overrides).</summary>
    public static DigestChallengePolicy Site(params string[] algorithms) => new(algorithms, []);

    /// <summary>The algorithms to challenge <paramref name="user"/> with, in the order phones should see them.</summary>
    public IReadOnlyList<DigestAlgorithm> Offered(string? user) =>
        user is not null && _perAgent.TryGetValue(user, out var own) ? own : _site;

    /// <summary>True when an answer from <paramref name="user"/> in <paramref name="algorithm"/> may be verified.</summary>
    public bool Accepts(string user, DigestAlgorithm algorithm) => Offered(user).Contains(algorithm);

    private static DigestAlgorithm[] Parse(IEnumerable<string> tokens)
    {
        var parsed = new List<DigestAlgorithm>();
        foreach (var token in tokens)
        {
            // The validator refuses unknown tokens at start; an unknown one here is skipped rather than guessed.
            if (DigestAlgorithmNames.TryParse(token, out var algorithm) && !string.IsNullOrEmpty(token) && !parsed.Contains(algorithm))
            {
                parsed.Add(algorithm);
            }
        }

        return parsed.Count == 0 ? [DigestAlgorithm.Md5] : [.. parsed];
    }
}
