namespace Cti.Host.Options;

/// <summary>One SIP account: either a clear-text password or pre-computed digest HA1 values.</summary>
internal sealed class AgentOptions
{
    public string Extension { get; set; } = "";

    public string? DisplayName { get; set; }

    public string? Password { get; set; }

    /// <summary>Hex MD5(extension:realm:password).</summary>
    public string? Ha1Md5 { get; set; }

    /// <summary>Hex SHA-256(extension:realm:password).</summary>
    public string? Ha1Sha256 { get; set; }

    /// <summary>
    /// A fixed contact (<c>sip:1001@192.0.2.10:5060</c>, UDP unless <c>;transport=tcp</c>) rung when the extension has
    /// no registration: hard phones configured by address, and load tests.
    /// </summary>
    public string? StaticContact { get; set; }

    /// <summary>
    /// Digest algorithms this agent's phone is challenged with, in order (e.g. <c>["SHA-256"]</c> for a phone known to
    /// do SHA-256); empty means the site's <c>Cti:Registrar:ChallengeAlgorithms</c>. Answers in other algorithms are
    /// refused.
    /// </summary>
    public IList<string> DigestAlgorithms { get; } = new List<string>();

    /// <summary>Where the definition was read (<c>Cti:Agents:1001</c>), so errors name the key the site wrote.</summary>
    internal string? ConfigurationPath { get; set; }
}
