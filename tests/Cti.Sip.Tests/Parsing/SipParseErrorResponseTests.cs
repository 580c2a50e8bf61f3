using System.Text;
using Cti.Sip.Messages;
using Cti.Sip.Parsing;
using Cti.Sip.Tests.Conformance;

namespace Cti.Sip.Tests.Parsing;

public sealed class SipParseErrorResponseTests
{
    [Theory]
    [InlineData("baddn")]
    [InlineData("quotbal")]
    [InlineData("badaspec")]
    public void CreateErrorResponse_MalformedTo_StillCarriesTheToTag(string file)
    {
        var error = SipMessageParser.ParseDatagram(Rfc4475Corpus.Load(file)).Error;

        var response = Assert.IsType<SipResponse>(error?.CreateErrorResponse(toTag: "cti-tag"));

        Assert.Equal(400, response.StatusCode);
        Assert.EndsWith(";tag=cti-tag", response.Headers.Get(SipHeaderNames.To), StringComparison.Ordinal);
    }

    [Fact]
    public void CreateErrorResponse_ToAlreadyTagged_KeepsItsTag()
    {
        var datagram = Encoding.ASCII.GetBytes(
            "OPTIONS sip:a@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n" +
            "From: <sip:b@example.com>;tag=f\r\nTo: Bad, Name <sip:a@example.com>;tag=mine\r\nCall-ID: c\r\nCSeq: one OPTIONS\r\n\r\n");
        var error = SipMessageParser.ParseDatagram(datagram).Error;

        var response = Assert.IsType<SipResponse>(error?.CreateErrorResponse(toTag: "cti-tag"));

        Assert.DoesNotContain("cti-tag", response.Headers.Get(SipHeaderNames.To), StringComparison.Ordinal);
    }
}
