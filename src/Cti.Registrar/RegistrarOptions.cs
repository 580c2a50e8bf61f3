using Cti.Platform.Security;

namespace Cti.Registrar;

/// <summary>The registrar's settings, <c>Cti:Registrar</c>.</summary>
internal sealed class RegistrarOptions
{
    public const string SectionName = "Cti:Registrar";

    /// <summary>Digest realm; configured HA1 values must have been computed with it.</summary>
    public string Realm { get; set; } = "cti.local";

    public int MinExpires { get; set; } = 60;

    public int MaxExpires { get; set; } = 7200;

    public int DefaultExpires { get; set; } = 3600;

    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Digest algorithms offered in 401 challenges, in this order, to agents without their own
    /// <c>DigestAlgorithms</c>. Empty means MD5 alone: some phones (baresip 1.0) give up on a 401 that names SHA-256
    /// at all, even beside MD5. See docs/sip-stack.md, "Challenge policy".
    /// </summary>
    public IList<string> ChallengeAlgorithms { get; } = new List<string>();

    public IReadOnlyList<string> EffectiveChallengeAlgorithms =>
        ChallengeAlgorithms.Count == 0 ? DefaultChallengeAlgorithms : ChallengeAlgorithms.ToArray();

    public static readonly IReadOnlyList<string> DefaultChallengeAlgorithms = ["MD5"];

    /// <summary>Every algorithm a challenge may name.</summary>
    public static readonly IReadOnlyList<string> KnownChallengeAlgorithms = ["MD5", "SHA-256"];

    /// <summary>How often every registered contact gets an OPTIONS ping; zero turns pings off.</summary>
    public TimeSpan OptionsPingInterval { get; set; } = TimeSpan.FromSeconds(30);

    public BanOptions Ban { get; set; } = new();
}
