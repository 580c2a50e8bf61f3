namespace Cti.Sip.Messages;

/// <summary>A SIP request: method, Request-URI, headers and body.</summary>
public sealed class SipRequest : SipMessage
{
    private SipUri? _requestUri;
    private string? _requestUriText;

    public SipRequest(string method, SipUri requestUri)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(requestUri);
        Method = method;
        _requestUri = requestUri;
    }

    internal SipRequest(string method, string requestUriText, SipUri? requestUri, SipHeaderCollection headers, ReadOnlyMemory<byte> body)
        : base(headers, body)
    {
        Method = method;
        _requestUri = requestUri;
        _requestUriText = requestUriText;
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
                _requestUri = SipUri.TryParse(_requestUriText, out var uri) ? uri : new SipUri("sip", "invalid");
            }

            // The caller may now change the URI in place, so the received text no longer describes it.
            _requestUriText = null;
            return _requestUri;
        }
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            _requestUri = value;
            _requestUriText = null;
        }
    }

    /// <summary>The Request-URI as it will be written.</summary>
    public string RequestUriText => _requestUriText ?? RequestUri.ToString();
}
