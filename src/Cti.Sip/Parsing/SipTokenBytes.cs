using System.Buffers;

namespace Cti.Sip.Parsing;

/// <summary>token characters (RFC 3261 25.1) as bytes, shared by methods and header names.</summary>
internal static class SipTokenBytes
{
    public static readonly SearchValues<byte> Token =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~"u8);
}
