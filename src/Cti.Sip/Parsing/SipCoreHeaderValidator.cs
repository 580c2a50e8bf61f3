using System.Buffers;
using Cti.Sip.Messages;

namespace Cti.Sip.Parsing;

/// <summary>
/// Strict mode's header-specific checks: the Request-URI and Via, From, To, Call-ID, CSeq, Max-Forwards and Contact,
/// each checked by its own grammar on the received bytes.
/// </summary>
internal static class SipCoreHeaderValidator
{
    // Checked in this order so that a message with several faults always reports the same one.
    private static readonly string[] CoreHeaders =
    [
        SipHeaderNames.Via, SipHeaderNames.From, SipHeaderNames.To, SipHeaderNames.CallId, SipHeaderNames.CSeq,
        SipHeaderNames.MaxForwards, SipHeaderNames.Contact,
    ];

    /// <summary>
    /// Strict mode: checks the Request-URI and the core headers on the received bytes without building any
    /// typed value (those are parsed lazily on first access).
    /// </summary>
    public static void Validate(ReadOnlySpan<byte> data, in SipStartLine start, SipHeaderEntry[] entries, int count)
    {
        Span<char> stack = stackalloc char[512];
        char[]? rented = null;
        try
        {
            if (start.IsRequest)
            {
                var uri = SipHeaderValueDecoder.Decode(data.Slice(start.UriStart, start.UriLength), folded: false, stack, ref rented);
                if (!SipUri.IsValid(uri, out var hasHeaders))
                {
                    SipParseThrow.Reject(SipParseErrorReason.InvalidRequestUri, "Malformed Request-URI");
                }

                if (hasHeaders)
                {
                    // RFC 3261 19.1.5: headers are not allowed in a Request-URI.
                    SipParseThrow.Reject(SipParseErrorReason.InvalidRequestUri, "Headers Not Allowed In Request-URI");
                }
            }

            // One pass over the index. A fault is reported for the earliest header in CoreHeaders order (and its
            // first line), exactly as if each header were checked in turn; later-ranked headers are skipped once
            // an earlier-ranked one has failed.
            var failedRank = CoreHeaders.Length;
            for (var i = 0; i < count; i++)
            {
                ref readonly var entry = ref entries[i];
                var rank = RankOf(entry.Name);
                if (rank >= failedRank)
                {
                    continue;
                }

                var value = SipHeaderValueDecoder.Decode(data.Slice(entry.ValueStart, entry.ValueLength), entry.Folded, stack, ref rented);
                if (!IsValidCoreHeader(rank, value))
                {
                    failedRank = rank;
                }
            }

            if (failedRank < CoreHeaders.Length)
            {
                var header = CoreHeaders[failedRank];
                SipParseThrow.Reject(ReasonFor(header), "Malformed " + header + " Header");
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Position in <see cref="CoreHeaders"/>; names are interned, so reference checks suffice. Others rank last.</summary>
    private static int RankOf(string? name) =>
        name is null ? CoreHeaders.Length
        : ReferenceEquals(name, SipHeaderNames.Via) ? 0
        : ReferenceEquals(name, SipHeaderNames.From) ? 1
        : ReferenceEquals(name, SipHeaderNames.To) ? 2
        : ReferenceEquals(name, SipHeaderNames.CallId) ? 3
        : ReferenceEquals(name, SipHeaderNames.CSeq) ? 4
        : ReferenceEquals(name, SipHeaderNames.MaxForwards) ? 5
        : ReferenceEquals(name, SipHeaderNames.Contact) ? 6
        : CoreHeaders.Length;

    private static bool IsValidCoreHeader(int rank, ReadOnlySpan<char> value) => rank switch
    {
        0 => SipVia.TryParseList(value, null),
        1 or 2 => SipNameAddr.IsValid(value),
        3 => SipSyntax.IsCallId(value.Trim(' ')),
        4 => SipCSeq.IsValid(value),
        5 => SipSyntax.TryParseUInt32(value.Trim(' '), out var hops) && hops <= 255,
        _ => SipContact.TryParseList(value, null),
    };

    private static SipParseErrorReason ReasonFor(string header) => header switch
    {
        SipHeaderNames.Via => SipParseErrorReason.InvalidVia,
        SipHeaderNames.From => SipParseErrorReason.InvalidFrom,
        SipHeaderNames.To => SipParseErrorReason.InvalidTo,
        SipHeaderNames.CallId => SipParseErrorReason.InvalidCallId,
        SipHeaderNames.CSeq => SipParseErrorReason.InvalidCSeq,
        SipHeaderNames.MaxForwards => SipParseErrorReason.InvalidMaxForwards,
        _ => SipParseErrorReason.InvalidContact,
    };
}
