using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;

namespace Cti.Sip.Auth;

/// <summary>
/// Server-side SIP digest authentication (RFC 3261 §22, RFC 7616, RFC 8760, RFC 2617 compatible).
/// Thread-safe; one instance per realm for the lifetime of the process.
/// </summary>
public sealed class DigestAuthenticator
{
    private static readonly DigestAlgorithm[] OfferedAlgorithms = [DigestAlgorithm.Sha256, DigestAlgorithm.Md5];

    private readonly DigestAuthOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly DigestNonceIssuer _nonces;
    private readonly DigestNonceCountTracker _nonceCounts;
    private readonly string _opaque = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));

    public DigestAuthenticator(DigestAuthOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid digest options: " + string.Join(" ", errors), nameof(options));
        }

        _options = options;
        _timeProvider = timeProvider;
        _nonces = new DigestNonceIssuer(timeProvider, options.NonceLifetime);
        _nonceCounts = new DigestNonceCountTracker(options.MaxTrackedNonces);
    }

    /// <summary>The realm challenges carry.</summary>
    public string Realm => _options.Realm;

    internal int TrackedNonceCount => _nonceCounts.Count;

    /// <summary>
    /// Builds the challenge header values (SHA-256 first, then MD5), all carrying one fresh nonce.
    /// Each value goes in its own <c>WWW-Authenticate</c> header of the 401.
    /// </summary>
    public IReadOnlyList<string> CreateChallenges(bool stale = false) => CreateChallenges(OfferedAlgorithms, stale);

    /// <summary>Builds one challenge value per algorithm, in the given order, all carrying one fresh nonce.</summary>
    public IReadOnlyList<string> CreateChallenges(IReadOnlyList<DigestAlgorithm> algorithms, bool stale)
    {
        ArgumentNullException.ThrowIfNull(algorithms);
        var nonce = _nonces.Issue();
        var values = new string[algorithms.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = DigestChallenge.Format(_options.Realm, nonce, _opaque, algorithms[i], stale);
        }

        return values;
    }

    /// <summary>Verifies an Authorization header value without checking the digest-uri against the Request-URI.</summary>
    public DigestVerificationResult Verify(string method, string? authorizationValue, Func<string, DigestAlgorithm, string?> lookupHa1) =>
        Verify(method, authorizationValue, lookupHa1, requestUri: null, out _);

    /// <summary>
    /// Verifies an Authorization header value. <paramref name="lookupHa1"/> returns the stored HA1 (lower-case hex) of a
    /// user for an algorithm, or null when the user is unknown. When <paramref name="requestUri"/> is given the
    /// digest-uri must equal it (ignoring case).
    /// </summary>
    public DigestVerificationResult Verify(
        string method,
        string? authorizationValue,
        Func<string, DigestAlgorithm, string?> lookupHa1,
        string? requestUri,
        out DigestCredentials? credentials)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(lookupHa1);
        var outcome = DigestCredentials.Parse(authorizationValue, out credentials);
        if (outcome != DigestCredentialsParseOutcome.Parsed || credentials is null)
        {
            return outcome == DigestCredentialsParseOutcome.NoCredentials
                ? DigestVerificationResult.NoCredentials
                : DigestVerificationResult.Malformed;
        }

        if (!DigestAlgorithmNames.TryParse(credentials.Algorithm, out var algorithm))
        {
            return DigestVerificationResult.UnsupportedAlgorithm;
        }

        if (!string.Equals(credentials.Realm, _options.Realm, StringComparison.Ordinal))
        {
            return DigestVerificationResult.RealmMismatch;
        }

        if (credentials.Opaque is not null && !string.Equals(credentials.Opaque, _opaque, StringComparison.Ordinal))
        {
            return DigestVerificationResult.OpaqueMismatch;
        }

        if (requestUri is not null && !string.Equals(credentials.Uri, requestUri, StringComparison.OrdinalIgnoreCase))
        {
            return DigestVerificationResult.UriMismatch;
        }

        long nonceCount = 0;
        if (credentials.Qop is null)
        {
            if (!_options.AllowResponsesWithoutQop)
            {
                return DigestVerificationResult.UnsupportedQop;
            }
        }
        else if (!string.Equals(credentials.Qop, "auth", StringComparison.OrdinalIgnoreCase) ||
                 credentials.ClientNonce is null ||
                 credentials.NonceCount is not { Length: 8 } ||
                 !long.TryParse(credentials.NonceCount, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out nonceCount))
        {
            return DigestVerificationResult.UnsupportedQop;
        }

        var nonceStatus = _nonces.Check(credentials.Nonce, out var expiresAt);
        if (nonceStatus == DigestNonceStatus.Invalid)
        {
            return DigestVerificationResult.InvalidNonce;
        }

        // Unknown users go through the same hashing as known ones so timing does not reveal which names exist.
        var ha1 = lookupHa1(credentials.Username, algorithm);
        var knownUser = ha1 is not null;
        ha1 ??= DigestHash.Hex(algorithm, credentials.Username + ":" + _opaque);
        var expected = DigestResponse.Compute(
            algorithm, ha1.ToLowerInvariant(), credentials.Nonce, method, credentials.Uri, credentials.Qop is null ? null : "auth", credentials.NonceCount, credentials.ClientNonce);
        var matches = DigestHash.FixedTimeEqualsHex(expected, credentials.Response);
        if (!knownUser)
        {
            return DigestVerificationResult.UnknownUser;
        }

        if (!matches)
        {
            return DigestVerificationResult.WrongResponse;
        }

        if (nonceStatus == DigestNonceStatus.Expired)
        {
            return DigestVerificationResult.StaleNonce;
        }

        if (credentials.Qop is null)
        {
            return DigestVerificationResult.Ok;
        }

        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        return _nonceCounts.TryAdvance(credentials.Nonce, nonceCount, expiresAt, now) switch
        {
            DigestNonceCountOutcome.Accepted => DigestVerificationResult.Ok,
            DigestNonceCountOutcome.Replayed => DigestVerificationResult.ReplayedNonceCount,

            // The tracking table is full: make the client fetch a new nonce rather than accept an untracked count.
            _ => DigestVerificationResult.StaleNonce,
        };
    }
}
