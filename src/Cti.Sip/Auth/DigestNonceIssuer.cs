using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace Cti.Sip.Auth;

/// <summary>
/// Stateless nonces: base64url( issued-at unix ms (8, big endian) | random (8) | HMAC-SHA256(key, first 16)[..16] ).
/// The key is random per process, so a restart invalidates outstanding nonces (clients get a fresh challenge).
/// </summary>
internal sealed class DigestNonceIssuer
{
    private const int PayloadLength = 16;
    private const int MacLength = 16;
    private const int NonceBytes = PayloadLength + MacLength;

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _lifetime;

    public DigestNonceIssuer(TimeProvider timeProvider, TimeSpan lifetime)
    {
        _timeProvider = timeProvider;
        _lifetime = lifetime;
    }

    public string Issue()
    {
        Span<byte> nonce = stackalloc byte[NonceBytes];
        BinaryPrimitives.WriteInt64BigEndian(nonce, _timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        RandomNumberGenerator.Fill(nonce[8..PayloadLength]);
        Sign(nonce[..PayloadLength], nonce[PayloadLength..]);
        return Base64Url.EncodeToString(nonce);
    }

    /// <summary>Checks the signature and age; <paramref name="expiresAtUnixMs"/> is when the nonce stops being accepted.</summary>
    public DigestNonceStatus Check(string nonce, out long expiresAtUnixMs)
    {
        expiresAtUnixMs = 0;
        Span<byte> bytes = stackalloc byte[NonceBytes + 3];
        if (nonce.Length > 64 || !Base64Url.IsValid(nonce) || !Base64Url.TryDecodeFromChars(nonce, bytes, out var written) || written != NonceBytes)
        {
            return DigestNonceStatus.Invalid;
        }

        Span<byte> mac = stackalloc byte[MacLength];
        Sign(bytes[..PayloadLength], mac);
        if (!CryptographicOperations.FixedTimeEquals(mac, bytes[PayloadLength..NonceBytes]))
        {
            return DigestNonceStatus.Invalid;
        }

        var issued = BinaryPrimitives.ReadInt64BigEndian(bytes);
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        expiresAtUnixMs = issued + (long)_lifetime.TotalMilliseconds;

        // A nonce from the future cannot be ours unless the clock stepped back; treat it as stale so the client re-tries.
        return issued > now || now >= expiresAtUnixMs ? DigestNonceStatus.Expired : DigestNonceStatus.Valid;
    }

    private void Sign(ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        Span<byte> full = stackalloc byte[32];
        HMACSHA256.HashData(_key, payload, full);
        full[..MacLength].CopyTo(destination);
    }
}
