namespace Cti.Host.Options;

internal sealed class RegistrarOptions
{
    /// <summary>Digest realm; configured HA1 values must have been computed with it.</summary>
    public string Realm { get; set; } = "cti.local";

    public int MinExpires { get; set; } = 60;

    public int MaxExpires { get; set; } = 7200;

    public int DefaultExpires { get; set; } = 3600;

    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Digest algorithms offered in 401 challenges, in this order. Empty means MD5 then SHA-256: many phones (and
    /// SIPp) answer only the first challenge and know only MD5; phones that choose the strongest still find SHA-256.
    /// </summary>
    public IList<string> ChallengeAlgorithms { get; } = new List<string>();

    public IReadOnlyList<string> EffectiveChallengeAlgorithms =>
        ChallengeAlgorithms.Count == 0 ? DefaultChallengeAlgorithms : ChallengeAlgorithms.ToArray();

    public static readonly IReadOnlyList<string> DefaultChallengeAlgorithms = ["MD5", "SHA-256"];

    /// <summary>How often every registered contact gets an OPTIONS ping; zero turns pings off.</summary>
    public TimeSpan OptionsPingInterval { get; set; } = TimeSpan.FromSeconds(30);

    public BanOptions Ban { get; set; } = new();
}
