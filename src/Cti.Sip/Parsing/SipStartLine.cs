namespace Cti.Sip.Parsing;

/// <summary>The parsed Request-Line or Status-Line; the Request-URI stays a byte range until first read.</summary>
internal struct SipStartLine
{
    public bool IsRequest;
    public string? Method;
    public int UriStart;
    public int UriLength;
    public string Version;
    public int StatusCode;
    public string? Reason;
}
