using System.Security.Cryptography;

namespace Cti.Sip.Auth;

/// <summary>
/// The client side of digest authentication for one account: remembers the last challenge so later requests
/// carry credentials up front, counts <c>nc</c> per nonce and makes a fresh cnonce per request.
/// Not thread-safe: one owner (e.g. one registration loop) uses it.
/// </summary>
public sealed class DigestClient
{
    private readonly string _username;
    private readonly string _password;
    private readonly Func<string> _clientNonces;
    private long _nonceCount;

    /// <param name="clientNonceFactory">Makes cnonce values; tests pass a fixed one. Default: 16 random bytes in hex.</param>
    public DigestClient(string username, string password, Func<string>? clientNonceFactory = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentNullException.ThrowIfNull(password);
        _username = username;
        _password = password;
        _clientNonces = clientNonceFactory ?? (() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
    }

    /// <summary>The challenge the next credentials answer, or null before the first one.</summary>
    public DigestServerChallenge? Challenge { get; private set; }

    /// <summary>The nonce-count the last credentials carried for the current nonce.</summary>
    public long NonceCount => _nonceCount;

    /// <summary>The header the credentials go in: <c>Authorization</c> or, for a proxy, <c>Proxy-Authorization</c>.</summary>
    public string? HeaderName => Challenge is null ? null : Challenge.IsProxy ? "Proxy-Authorization" : "Authorization";

    /// <summary>Takes a new challenge; the nonce-count restarts when the nonce changes.</summary>
    public void Accept(DigestServerChallenge challenge)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        if (!challenge.IsAnswerable)
        {
            throw new ArgumentException("The challenge offers no qop this client supports (auth).", nameof(challenge));
        }

        if (Challenge is null || !string.Equals(Challenge.Nonce, challenge.Nonce, StringComparison.Ordinal))
        {
            _nonceCount = 0;
        }

        Challenge = challenge;
    }

    /// <summary>Forgets the challenge (e.g. after the server refused the password) so nothing is sent up front.</summary>
    public void Reset()
    {
        Challenge = null;
        _nonceCount = 0;
    }

    /// <summary>Credentials for one request; each call advances nc. Throws before any challenge was accepted.</summary>
    public string CreateAuthorization(string method, string digestUri)
    {
        var challenge = Challenge ?? throw new InvalidOperationException("No challenge has been accepted yet.");
        if (_nonceCount >= 0xFFFFFFFFL)
        {
            throw new InvalidOperationException("The nonce-count of this nonce is exhausted; a new challenge is needed.");
        }

        return DigestAuthorization.Create(challenge, _username, _password, method, digestUri, _clientNonces(), ++_nonceCount);
    }
}
