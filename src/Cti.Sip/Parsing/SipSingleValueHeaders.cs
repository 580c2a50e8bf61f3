using Cti.Sip.Messages;

namespace Cti.Sip.Parsing;

/// <summary>Headers that may appear once in a message (RFC 3261 7.3.1 and 20), found by their interned names.</summary>
internal static class SipSingleValueHeaders
{
    /// <summary>Rejects a second Call-ID, From, To, CSeq, Max-Forwards or Content-Length; returns Content-Length, or -1 without one.</summary>
    public static int Check(ReadOnlySpan<byte> data, SipHeaderEntry[] entries, int count)
    {
        var contentLength = -1;

        // Bits: Call-ID, From, To, CSeq, Max-Forwards.
        var seen = 0;
        var contentLengths = 0;
        for (var i = 0; i < count; i++)
        {
            var name = entries[i].Name;
            if (name is null)
            {
                continue;
            }

            var bit = ReferenceEquals(name, SipHeaderNames.CallId) ? 1
                : ReferenceEquals(name, SipHeaderNames.From) ? 2
                : ReferenceEquals(name, SipHeaderNames.To) ? 4
                : ReferenceEquals(name, SipHeaderNames.CSeq) ? 8
                : ReferenceEquals(name, SipHeaderNames.MaxForwards) ? 16
                : 0;
            if (bit != 0)
            {
                if ((seen & bit) != 0)
                {
                    SipParseThrow.Reject(SipParseErrorReason.DuplicateHeader, "Duplicate " + name + " Header");
                }

                seen |= bit;
            }
            else if (ReferenceEquals(name, SipHeaderNames.ContentLength))
            {
                if (++contentLengths > 1)
                {
                    SipParseThrow.Reject(SipParseErrorReason.InvalidContentLength, "Duplicate Content-Length Header");
                }

                contentLength = SipBodyFraming.ParseContentLength(data.Slice(entries[i].ValueStart, entries[i].ValueLength));
            }
        }

        return contentLength;
    }
}
