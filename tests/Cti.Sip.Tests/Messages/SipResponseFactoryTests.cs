using System.Text;
using Cti.Sip.Messages;
using Cti.Sip.Parsing;
using Cti.Sip.Tests.Parsing;

namespace Cti.Sip.Tests.Messages;

public sealed class SipResponseFactoryTests
{
    private static SipRequest Invite(string extra = "") =>
        (SipRequest)SipMessageParser.ParseDatagram(Encoding.ASCII.GetBytes(SipSamples.Invite.Replace("CSeq: 1 INVITE\r\n", "CSeq: 1 INVITE\r\nVia: SIP/2.0/UDP second.example.com;branch=z9hG4bK2\r\n" + extra, StringComparison.Ordinal))).Message!;

    [Fact]
    public void Create_CopiesViasInOrderAndDialogHeaders()
    {
        var request = Invite();
        var response = SipResponseFactory.Create(request, 180, toTag: "b1");
        Assert.Equal(180, response.StatusCode);
        Assert.Equal("Ringing", response.ReasonPhrase);
        Assert.Equal(request.Headers.GetAll("Via"), response.Headers.GetAll("Via"));
        Assert.Equal(request.Headers.Get("From"), response.Headers.Get("From"));
        Assert.Equal("b1", response.To!.Tag);
        Assert.Equal(request.CallId, response.CallId);
        Assert.Equal(request.CSeq, response.CSeq);
        Assert.Null(response.Headers.Get("Contact"));
    }

    [Fact]
    public void Create_ToAlreadyTagged_KeepsExistingTag()
    {
        var request = Invite();
        request.Headers.Set("To", "<sip:bob@biloxi.example.com>;tag=old");
        Assert.Equal("old", SipResponseFactory.Create(request, 200, toTag: "new").To!.Tag);
    }

    [Fact]
    public void Create_RecordRoute_CopiedOnlyWhenAskedAndFor1xx2xx()
    {
        var request = Invite("Record-Route: <sip:p1.example.com;lr>\r\n");
        Assert.Empty(SipResponseFactory.Create(request, 200).RecordRoutes);
        Assert.Single(SipResponseFactory.Create(request, 200, copyRecordRoute: true).RecordRoutes);
        Assert.Empty(SipResponseFactory.Create(request, 486, copyRecordRoute: true).RecordRoutes);
        Assert.Equal("Custom", SipResponseFactory.Create(request, 486, "Custom").ReasonPhrase);
    }
}
