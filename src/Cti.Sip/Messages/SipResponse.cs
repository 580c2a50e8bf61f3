namespace Cti.Sip.Messages;

/// <summary>A SIP response: status code, reason phrase, headers and body.</summary>
public sealed class SipResponse : SipMessage
{
    public SipResponse(int statusCode, string? reasonPhrase = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 699);
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase ?? SipReasonPhrases.Get(statusCode);
    }

    internal SipResponse(int statusCode, string reasonPhrase, SipHeaderCollection headers, ReadOnlyMemory<byte> body)
        : base(headers, body)
    {
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
    }

    public int StatusCode { get; set; }

    public string ReasonPhrase { get; set; }

    public override bool IsRequest => false;

    /// <summary>1xx.</summary>
    public bool IsProvisional => StatusCode < 200;

    public bool IsSuccess => StatusCode is >= 200 and < 300;
}
