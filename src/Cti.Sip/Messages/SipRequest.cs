namespace Cti.Sip.Messages;

/// <summary>A SIP request: method, Request-URI, headers and body.</summary>
public sealed class SipRequest : SipMessage
{
    private SipUri? _requestUri;
    private string? _requestUriText;

    // A parsed request keeps the Request-URI as a range of its received bytes until someone reads it.
    private byte[]? _rawUri;
    private int _rawUriStart;
    private int _rawUriLength;

    public SipRequest(string method, SipUri requestUri)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(requestUri);
        Method = method;
        _requestUri = requestUri;
    }

    /// <summary>A parsed request whose Request-URI text is decoded from <paramref name="source"/> on first access.</summary>
    internal SipRequest(string method, byte[] source, int uriStart, int uriLength, SipHeaderCollection headers, ReadOnlyMemory<byte> body)
        : base(headers, body)
    {
        Method = method;
        _rawUri = source;
        _rawUriStart = uriStart;
        _rawUriLength = uriLength;
    }

    /// <summary>Method token, case-sensitive ("INVITE", or any extension token).</summary>
    public string Method { get; set; }

    public override bool IsRequest => true;

    /// <summary>The Request-URI; parsed on first access (the parser has already checked it).</summary>
    public SipUri RequestUri
    {
        get
        {
            if (_requestUri is null)
            {
                _requestUri = SipUri.TryParse(ReceivedUriText(), out var uri) ? uri : new SipUri("sip", "invalid");
            }

            // The caller may now change the URI in place, so the received text no longer describes it.
            _requestUriText = null;
            _rawUri = null;
            return _requestUri;
        }
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            _requestUri = value;
            _requestUriText = null;
            _rawUri = null;
        }
    }

    /// <summary>The Request-URI as it will be written.</summary>
    public string RequestUriText => ReceivedUriText() ?? RequestUri.ToString();

    /// <summary>The Request-URI as received (decoded once), or null when it was built or may have been changed.</summary>
    private string? ReceivedUriText()
    {
        if (_requestUriText is null && _rawUri is { } raw)
        {
            _requestUriText = System.Text.Encoding.UTF8.GetString(raw, _rawUriStart, _rawUriLength);
            _rawUri = null;
        }

        return _requestUriText;
    }
}
