using System.Buffers;
using System.Text;
using Cti.Sip.Messages;

namespace Cti.Sip.Parsing;

/// <summary>
/// Per-call parsing state; lives on the stack. Runs the grammar parts in order (start line, header framing,
/// single-value headers, body framing, strict header checks) and builds the message or the error.
/// </summary>
internal ref struct SipParseFrame
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly bool _isDatagram;
    private readonly SipParserLimits _limits;
    private SipHeaderEntry[] _entries;
    private int _count;
    private int _scanned;
    private bool _isRequest;
    private string? _method;

    public SipParseFrame(ReadOnlySpan<byte> data, bool isDatagram, SipParserLimits limits)
    {
        _data = data;
        _isDatagram = isDatagram;
        _limits = limits;
        _entries = ArrayPool<SipHeaderEntry>.Shared.Rent(Math.Min(limits.MaxHeaderCount, 4096) + 1);
        _isRequest = !(data.Length >= 4 && Ascii.EqualsIgnoreCase(data[..4], "SIP/"u8));
    }

    public int MessageEnd { get; private set; }

    public void Dispose()
    {
        if (_entries.Length > 0)
        {
            // Only the used slots hold string references worth clearing; the rest are already default.
            Array.Clear(_entries, 0, _count);
            ArrayPool<SipHeaderEntry>.Shared.Return(_entries);
            _entries = [];
        }
    }

    public SipParseStatus Run(out SipMessage? message)
    {
        message = null;
        if (_isDatagram && _data.Length > _limits.MaxMessageBytes)
        {
            SipParseThrow.Reject(SipParseErrorReason.MessageTooLarge, "Message Too Large");
        }

        if (!SipStartLineParser.TryLocate(_data, _isDatagram, _limits, out var lineEnd, out var headersStart))
        {
            return SipParseStatus.NeedMoreData;
        }

        SipStartLine start;
        try
        {
            start = SipStartLineParser.Parse(_data[..lineEnd], _isRequest, ref _method);
        }
        catch (SipParseException)
        {
            // Read the headers anyway so that the 400 can copy Via, From, To, Call-ID and CSeq.
            try
            {
                ScanHeaders(headersStart, out _);
            }
            catch (SipParseException)
            {
                // The start-line fault is the one reported.
            }

            throw;
        }

        if (ScanHeaders(headersStart, out var bodyStart) == SipParseStatus.NeedMoreData)
        {
            return SipParseStatus.NeedMoreData;
        }

        var contentLength = SipSingleValueHeaders.Check(_data, _entries, _count);
        if (SipBodyFraming.FindEnd(contentLength, bodyStart, _data.Length, _isDatagram, _limits, out var end)
            == SipParseStatus.NeedMoreData)
        {
            return SipParseStatus.NeedMoreData;
        }

        if (_limits.ValidateHeaderSyntax)
        {
            SipCoreHeaderValidator.Validate(_data, start, _entries, _count);
        }

        MessageEnd = end;
        message = Build(start, bodyStart, end);
        return SipParseStatus.Complete;
    }

    /// <summary>Turns a rejection into an error carrying whatever Via/From/To/Call-ID/CSeq lines were read.</summary>
    public readonly SipParseError BuildError(SipParseException ex)
    {
        var error = new SipParseError(ex.Reason, ex.Message) { IsRequest = _isRequest, Method = _method };
        SipHeaderCollection headers;
        {
            var extent = 0;
            for (var i = 0; i < _count; i++)
            {
                extent = Math.Max(extent, _entries[i].ValueStart + _entries[i].ValueLength);
                extent = Math.Max(extent, _entries[i].NameStart + _entries[i].NameLength);
            }

            extent = Math.Min(Math.Max(extent, _scanned), _data.Length);
            var entries = new SipHeaderEntry[_count];
            Array.Copy(_entries, entries, _count);
            headers = new SipHeaderCollection(_data[..extent].ToArray(), entries, _count);
        }

        error.Vias = headers.GetAll(SipHeaderNames.Via);
        error.From = headers.Get(SipHeaderNames.From);
        error.To = headers.Get(SipHeaderNames.To);
        error.CallId = headers.Get(SipHeaderNames.CallId);
        error.CSeq = headers.Get(SipHeaderNames.CSeq);
        return error;
    }

    private SipParseStatus ScanHeaders(int pos, out int bodyStart) =>
        SipHeaderScanner.Scan(_data, pos, _isDatagram, _limits, _entries, ref _count, ref _scanned, out bodyStart);

    private readonly SipMessage Build(in SipStartLine start, int bodyStart, int end)
    {
        var copy = _data[..end].ToArray();
        var entries = new SipHeaderEntry[_count];
        Array.Copy(_entries, entries, _count);
        var headers = new SipHeaderCollection(copy, entries, _count);
        var body = new ReadOnlyMemory<byte>(copy, bodyStart, end - bodyStart);
        if (start.IsRequest)
        {
            // The Request-URI string is decoded from the copy only when first read.
            return new SipRequest(start.Method!, copy, start.UriStart, start.UriLength, headers, body) { Version = start.Version };
        }

        return new SipResponse(start.StatusCode, start.Reason!, headers, body) { Version = start.Version };
    }
}
