using System.Buffers;
using System.Text;

namespace Cti.Sip.Parsing;

/// <summary>Header value bytes to chars for the strict checks, on the stack unless the value is long.</summary>
internal static class SipHeaderValueDecoder
{
    /// <summary>
    /// UTF-8 to chars with folding CR/LF turned into spaces (the grammar treats both as LWS). Only a folded
    /// value can hold CR or LF (the header scan rejects them anywhere else), and ASCII needs no decoder.
    /// </summary>
    public static ReadOnlySpan<char> Decode(ReadOnlySpan<byte> bytes, bool folded, Span<char> stack, ref char[]? rented)
    {
        var target = stack;
        if (bytes.Length > stack.Length)
        {
            if (rented is null || rented.Length < bytes.Length)
            {
                if (rented is not null)
                {
                    ArrayPool<char>.Shared.Return(rented);
                }

                rented = ArrayPool<char>.Shared.Rent(bytes.Length);
            }

            target = rented;
        }

        int written;
        if (Ascii.ToUtf16(bytes, target, out written) != OperationStatus.Done)
        {
            written = Encoding.UTF8.GetChars(bytes, target);
        }

        var chars = target[..written];
        if (folded)
        {
            chars.Replace('\r', ' ');
            chars.Replace('\n', ' ');
        }

        return chars;
    }
}
