using Cti.Sip.Messages;

namespace Cti.Sip.Validation;

/// <summary>A rejected request: the status, a reason phrase naming the fault, and headers the response must carry.</summary>
public sealed record SipValidationFailure(int StatusCode, string ReasonPhrase, IReadOnlyList<SipHeaderField> Headers)
{
    public SipValidationFailure(int statusCode, string reasonPhrase)
        : this(statusCode, reasonPhrase, [])
    {
    }

    /// <summary>Builds the response (Via, From, To, Call-ID, CSeq copied) with the extra headers added.</summary>
    public SipResponse CreateResponse(SipRequest request, string? toTag = null)
    {
        var response = SipResponseFactory.Create(request, StatusCode, ReasonPhrase, toTag);
        foreach (var header in Headers)
        {
            response.Headers.Add(header.Name, header.Value);
        }

        return response;
    }
}
