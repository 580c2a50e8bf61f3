using Cti.Sip.Messages;
using Cti.Sip.Parsing;
using Cti.Sip.Validation;

namespace Cti.Sip.Tests.Conformance;

/// <summary>
/// One row per RFC 4475 message (the manifest in tests/data/rfc4475/README.md): what the parser does with
/// the bytes, and what a registrar/UAS serving REGISTER, INVITE, OPTIONS, ACK, BYE and CANCEL replies.
/// </summary>
public sealed class Rfc4475ConformanceTests
{
    /// <summary>Expected reply: a status code, "no 400" (normal processing, 481 or whatever the host decides), or silence.</summary>
    public const int NotBadRequest = -1;
    public const int Discard = 0;

    // file, parser rejection (null = accepted), reply
    public static TheoryData<string, SipParseErrorReason?, int> Rows => new()
    {
        { "wsinv", null, NotBadRequest },
        { "intmeth", null, 501 },
        { "esc01", null, NotBadRequest },
        { "escnull", null, NotBadRequest },
        { "esc02", null, 501 },
        { "lwsdisp", null, NotBadRequest },
        { "longreq", null, NotBadRequest },
        { "dblreq", null, NotBadRequest },
        { "semiuri", null, NotBadRequest },
        { "transports", null, NotBadRequest },
        { "mpart01", null, 405 },
        { "unreason", null, Discard },
        { "noreason", null, Discard },
        { "badinv01", SipParseErrorReason.InvalidVia, 400 },
        { "clerr", SipParseErrorReason.TruncatedBody, 400 },
        { "ncl", SipParseErrorReason.InvalidContentLength, 400 },
        { "scalar02", SipParseErrorReason.InvalidCSeq, 400 },
        { "scalarlg", SipParseErrorReason.InvalidCSeq, Discard },
        { "quotbal", SipParseErrorReason.InvalidTo, 400 },
        { "ltgtruri", SipParseErrorReason.InvalidRequestUri, 400 },
        { "lwsruri", SipParseErrorReason.InvalidRequestUri, 400 },
        { "lwsstart", SipParseErrorReason.InvalidStartLine, 400 },
        { "trws", SipParseErrorReason.InvalidStartLine, 400 },
        { "escruri", SipParseErrorReason.InvalidRequestUri, 400 },
        { "baddate", null, NotBadRequest },
        { "regbadct", SipParseErrorReason.InvalidContact, 400 },
        { "badaspec", SipParseErrorReason.InvalidTo, 400 },
        { "baddn", SipParseErrorReason.InvalidFrom, 400 },
        { "badvers", null, 505 },
        { "mismatch01", null, 400 },
        { "mismatch02", null, 501 },
        { "bigcode", SipParseErrorReason.InvalidStatusCode, Discard },
        { "badbranch", null, 400 },
        { "insuf", null, 400 },
        { "unkscm", null, 416 },
        { "novelsc", null, 416 },
        { "unksm2", null, 400 },
        { "bext01", null, 420 },
        { "invut", null, 415 },
        { "regaut01", null, NotBadRequest },
        { "multi01", SipParseErrorReason.DuplicateHeader, 400 },
        { "mcl01", SipParseErrorReason.InvalidContentLength, 400 },
        { "bcast", null, Discard },
        { "zeromf", null, NotBadRequest },
        { "cparam01", null, NotBadRequest },
        { "cparam02", null, NotBadRequest },
        { "regescrt", null, NotBadRequest },
        { "sdp01", null, 406 },
        { "inv2543", null, NotBadRequest },
    };

    [Fact]
    public void Rows_CoverEveryFileInTheCorpus()
    {
        var names = Rows.Select(row => (string)row[0]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(49, names.Count);
        Assert.Equal(Rfc4475Corpus.AllNames().ToList(), names);
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void ParseDatagram_Rfc4475Message_MatchesManifest(string file, SipParseErrorReason? rejection, int reply)
    {
        _ = reply;
        var result = SipMessageParser.ParseDatagram(Rfc4475Corpus.Load(file));

        if (rejection is null)
        {
            Assert.True(result.IsSuccess, $"{file}: {result.Error}");
        }
        else
        {
            Assert.False(result.IsSuccess, file + " was accepted");
            Assert.Equal(rejection, result.Error!.Reason);
        }
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Reply_Rfc4475MessageAtRegistrarUas_MatchesManifest(string file, SipParseErrorReason? rejection, int reply)
    {
        _ = rejection;
        var bytes = Rfc4475Corpus.Load(file);
        var (status, response) = ReplyFor(bytes);

        switch (reply)
        {
            case Discard:
                Assert.Equal(Discard, status);
                break;
            case NotBadRequest:
                Assert.NotEqual(400, status);
                Assert.True(status is -1 or (>= 200 and < 700), $"{file}: {status}");
                break;
            default:
                Assert.Equal(reply, status);
                Assert.NotNull(response);
                break;
        }

        if (response is not null)
        {
            // A reply copies the Vias in order, From, To, Call-ID and CSeq (as far as they could be read).
            var parsed = SipMessageParser.ParseDatagram(bytes, new SipParserLimits { ValidateHeaderSyntax = false });
            if (parsed.IsSuccess)
            {
                Assert.Equal(parsed.Message.Headers.GetAll(SipHeaderNames.Via), response.Headers.GetAll(SipHeaderNames.Via));
                Assert.Equal(parsed.Message.Headers.Get(SipHeaderNames.CallId), response.Headers.Get(SipHeaderNames.CallId));
                Assert.Equal(parsed.Message.Headers.Get(SipHeaderNames.CSeq), response.Headers.Get(SipHeaderNames.CSeq));
            }
        }
    }

    /// <summary>Status the registrar/UAS would send: -1 when it processes the request normally, 0 when it stays silent.</summary>
    internal static (int Status, SipResponse? Response) ReplyFor(byte[] datagram)
    {
        var result = SipMessageParser.ParseDatagram(datagram);
        if (!result.IsSuccess)
        {
            var error = result.Error!;
            var errorResponse = error.CreateErrorResponse(toTag: "t1");
            return errorResponse is null ? (Discard, null) : (errorResponse.StatusCode, errorResponse);
        }

        if (result.Message is not SipRequest request)
        {
            return (Discard, null);
        }

        var failure = SipRequestValidator.Validate(request, SipValidationPolicy.Default);
        return failure is null ? (NotBadRequest, null) : (failure.StatusCode, failure.CreateResponse(request, "t1"));
    }
}
