using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Cti.Sip.Auth;

/// <summary>Hex digests of UTF-8 text, as the digest scheme defines H(data).</summary>
internal static class DigestHash
{
    public static string Hex(DigestAlgorithm algorithm, string text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = null;
        var buffer = max <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, buffer);
            Span<byte> hash = stackalloc byte[32];
            int written = Hash(algorithm, buffer[..length], hash);
            return Convert.ToHexStringLower(hash[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static int Hash(DigestAlgorithm algorithm, ReadOnlySpan<byte> data, Span<byte> destination) => algorithm switch
    {
        // MD5 is required for interoperability with RFC 2617 user agents; SHA-256 is offered first.
#pragma warning disable CA5351
        DigestAlgorithm.Md5 => MD5.HashData(data, destination),
#pragma warning restore CA5351
        DigestAlgorithm.Sha256 => SHA256.HashData(data, destination),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>Compares two hex digests case-insensitively in time independent of where they differ.</summary>
    public static bool FixedTimeEqualsHex(string expectedLowerHex, string candidate)
    {
        if (expectedLowerHex.Length != candidate.Length || candidate.Length > 256)
        {
            return false;
        }

        Span<byte> a = stackalloc byte[candidate.Length];
        Span<byte> b = stackalloc byte[candidate.Length];
        for (var i = 0; i < candidate.Length; i++)
        {
            a[i] = (byte)expectedLowerHex[i];
            var c = candidate[i];
            b[i] = (byte)(c is >= 'A' and <= 'F' ? c + 32 : c);
        }

        return CryptographicOperations.FixedTimeEquals(a, b);
    }
}
