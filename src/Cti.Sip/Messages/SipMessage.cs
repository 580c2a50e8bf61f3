using System.Globalization;

namespace Cti.Sip.Messages;

/// <summary>
/// A SIP request or response. A parsed message keeps one copy of its bytes; header strings and typed values
/// (Via, From, CSeq...) are created on first access and cached until the headers change.
/// Typed accessors return null or an empty list when the header is absent or malformed.
/// </summary>
public abstract class SipMessage
{
    private int _cacheVersion = -1;
    private List<SipVia>? _vias;
    private SipNameAddr? _from;
    private SipNameAddr? _to;
    private SipCSeq? _cseq;
    private List<SipContact>? _contacts;
    private bool _fromParsed;
    private bool _toParsed;
    private bool _cseqParsed;

    protected SipMessage()
        : this(new SipHeaderCollection(), ReadOnlyMemory<byte>.Empty)
    {
    }

    private protected SipMessage(SipHeaderCollection headers, ReadOnlyMemory<byte> body)
    {
        Headers = headers;
        Body = body;
    }

    /// <summary>SIP-Version as written on the start line, e.g. "SIP/2.0".</summary>
    public string Version { get; set; } = "SIP/2.0";

    public SipHeaderCollection Headers { get; }

    public ReadOnlyMemory<byte> Body { get; set; }

    public abstract bool IsRequest { get; }

    /// <summary>Every Via value in order (comma-separated values and repeated lines flattened); empty if any is malformed.</summary>
    public IReadOnlyList<SipVia> Vias
    {
        get
        {
            Refresh();
            if (_vias is null)
            {
                _vias = [];
                foreach (var line in Headers.GetAll(SipHeaderNames.Via))
                {
                    if (!SipVia.TryParseList(line, _vias))
                    {
                        _vias.Clear();
                        break;
                    }
                }
            }

            return _vias;
        }
    }

    public SipVia? TopVia => Vias.Count > 0 ? Vias[0] : null;

    public SipNameAddr? From
    {
        get
        {
            Refresh();
            if (!_fromParsed)
            {
                _fromParsed = true;
                _from = SipNameAddr.TryParse(Headers.Get(SipHeaderNames.From), out var v) ? v : null;
            }

            return _from;
        }
    }

    public SipNameAddr? To
    {
        get
        {
            Refresh();
            if (!_toParsed)
            {
                _toParsed = true;
                _to = SipNameAddr.TryParse(Headers.Get(SipHeaderNames.To), out var v) ? v : null;
            }

            return _to;
        }
    }

    public string? CallId => Headers.Get(SipHeaderNames.CallId)?.Trim();

    public SipCSeq? CSeq
    {
        get
        {
            Refresh();
            if (!_cseqParsed)
            {
                _cseqParsed = true;
                _cseq = SipCSeq.TryParse(Headers.Get(SipHeaderNames.CSeq), out var v) ? v : null;
            }

            return _cseq;
        }
    }

    /// <summary>Max-Forwards (0-255); null when absent or out of range.</summary>
    public int? MaxForwards =>
        Headers.Get(SipHeaderNames.MaxForwards) is { } raw && SipSyntax.TryParseUInt32(raw.Trim(), out var v) && v <= 255
            ? (int)v
            : null;

    /// <summary>Every Contact value in order; empty when absent or malformed.</summary>
    public IReadOnlyList<SipContact> Contacts
    {
        get
        {
            Refresh();
            if (_contacts is null)
            {
                _contacts = [];
                foreach (var line in Headers.GetAll(SipHeaderNames.Contact))
                {
                    if (!SipContact.TryParseList(line, _contacts))
                    {
                        _contacts.Clear();
                        break;
                    }
                }
            }

            return _contacts;
        }
    }

    /// <summary>Expires header (delta-seconds); null when absent or above 2^32-1.</summary>
    public uint? Expires =>
        Headers.Get(SipHeaderNames.Expires) is { } raw && SipSyntax.TryParseUInt32(raw.Trim(), out var v) ? v : null;

    /// <summary>The media type of Content-Type without parameters, lower-cased (e.g. "application/sdp").</summary>
    public string? ContentType
    {
        get
        {
            var raw = Headers.Get(SipHeaderNames.ContentType);
            if (raw is null)
            {
                return null;
            }

            var semi = raw.IndexOf(';', StringComparison.Ordinal);
            var type = (semi < 0 ? raw : raw[..semi]).Replace(" ", string.Empty, StringComparison.Ordinal);
            return type.ToLowerInvariant();
        }
    }

    /// <summary>Content-Length as declared; null when absent or invalid.</summary>
    public int? ContentLength =>
        Headers.Get(SipHeaderNames.ContentLength) is { } raw && SipSyntax.TryParseUInt32(raw.Trim(), out var v) && v <= int.MaxValue
            ? (int)v
            : null;

    /// <summary>
    /// The Date header (RFC 3261 20.17: RFC 1123 form, GMT only); null when absent or malformed, e.g. a zone
    /// other than GMT. A bad Date does not make the message invalid.
    /// </summary>
    public DateTimeOffset? Date =>
        Headers.Get(SipHeaderNames.Date) is { } raw
        && DateTimeOffset.TryParseExact(
            raw.Trim(),
            "ddd, dd MMM yyyy HH:mm:ss 'GMT'",
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out var date)
            ? date
            : null;

    public IReadOnlyList<string> Require => TokenList(SipHeaderNames.Require);

    public IReadOnlyList<string> Supported => TokenList(SipHeaderNames.Supported);

    public IReadOnlyList<string> ProxyRequire => TokenList(SipHeaderNames.ProxyRequire);

    /// <summary>Accept media ranges without parameters, lower-cased.</summary>
    public IReadOnlyList<string> Accept
    {
        get
        {
            var items = SplitList(SipHeaderNames.Accept);
            for (var i = 0; i < items.Count; i++)
            {
                var semi = items[i].IndexOf(';', StringComparison.Ordinal);
                items[i] = (semi < 0 ? items[i] : items[i][..semi]).Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
            }

            return items;
        }
    }

    public IReadOnlyList<string> Allow => TokenList(SipHeaderNames.Allow);

    public IReadOnlyList<SipNameAddr> RecordRoutes => NameAddrList(SipHeaderNames.RecordRoute);

    public IReadOnlyList<SipNameAddr> Routes => NameAddrList(SipHeaderNames.Route);

    /// <summary>Splits every line of a header on commas outside quotes and angle brackets; items are trimmed, empty ones dropped.</summary>
    public List<string> SplitList(string headerName)
    {
        var result = new List<string>();
        foreach (var line in Headers.GetAll(headerName))
        {
            SipListSplitter.Split(line, result);
        }

        return result;
    }

    private List<string> TokenList(string name) => SplitList(name);

    private List<SipNameAddr> NameAddrList(string name)
    {
        var result = new List<SipNameAddr>();
        foreach (var item in SplitList(name))
        {
            if (SipNameAddr.TryParse(item, out var value))
            {
                result.Add(value);
            }
        }

        return result;
    }

    private void Refresh()
    {
        if (_cacheVersion == Headers.Version)
        {
            return;
        }

        _cacheVersion = Headers.Version;
        _vias = null;
        _contacts = null;
        _from = _to = null;
        _cseq = null;
        _fromParsed = _toParsed = _cseqParsed = false;
    }

    internal static string FormatInt(int value) => value.ToString(CultureInfo.InvariantCulture);
}
