using System.Net;
using System.Text;
using Cti.Sip.Dialogs;
using Cti.Sip.Messages;
using Cti.Sip.Parsing;
using Cti.Sip.Serialization;
using Cti.Sip.Transport;

namespace Cti.Sip.Tests.Dialogs;

public sealed class SipDialogTests
{
    private static readonly SipEndPoint CarrierFlow = new(SipTransportProtocol.Udp, IPEndPoint.Parse("192.0.2.10:5060"), IPEndPoint.Parse("192.0.2.1:5080"));
    private static readonly SipEndPoint PhoneFlow = new(SipTransportProtocol.Udp, IPEndPoint.Parse("10.0.0.7:5062"), IPEndPoint.Parse("192.0.2.1:5060"));

    private const string OurContact = "<sip:cti@192.0.2.1:5080>";

    // An INVITE from a carrier through two proxies (Record-Route in the order the proxies added them, nearest first).
    private const string CarrierInvite =
        "INVITE sip:100@192.0.2.1:5080 SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKabc1\r\n" +
        "Max-Forwards: 68\r\n" +
        "Record-Route: <sip:p2.example;lr>\r\n" +
        "Record-Route: <sip:p1.example;lr>\r\n" +
        "From: \"Caller\" <sip:13812345678@carrier.example>;tag=from-carrier\r\n" +
        "To: <sip:100@cti.local>\r\n" +
        "Call-ID: call-1@carrier.example\r\n" +
        "CSeq: 7 INVITE\r\n" +
        "Contact: <sip:13812345678@192.0.2.10:5060;transport=udp>\r\n" +
        "Content-Length: 0\r\n\r\n";

    private static SipRequest ParseRequest(string text)
    {
        var result = SipMessageParser.ParseDatagram(Encoding.ASCII.GetBytes(text));
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return Assert.IsType<SipRequest>(result.Message);
    }

    private static SipResponse ParseResponse(string text)
    {
        var result = SipMessageParser.ParseDatagram(Encoding.ASCII.GetBytes(text));
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return Assert.IsType<SipResponse>(result.Message);
    }

    private static SipDialog UasDialog() => SipDialog.CreateAsUas(ParseRequest(CarrierInvite), "our-tag", CarrierFlow, OurContact);

    /// <summary>An in-dialog request from the carrier to the UAS dialog of <see cref="UasDialog"/>.</summary>
    private static SipRequest FromCarrier(string method, uint cseq, string? contact = null, string toTag = "our-tag", string fromTag = "from-carrier", string callId = "call-1@carrier.example") =>
        ParseRequest(
            $"{method} sip:cti@192.0.2.1:5080 SIP/2.0\r\n" +
            $"Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK{method}{cseq}\r\n" +
            "Max-Forwards: 70\r\n" +
            $"From: <sip:13812345678@carrier.example>;tag={fromTag}\r\n" +
            $"To: <sip:100@cti.local>;tag={toTag}\r\n" +
            $"Call-ID: {callId}\r\n" +
            $"CSeq: {cseq} {method}\r\n" +
            (contact is null ? string.Empty : $"Contact: {contact}\r\n") +
            "Content-Length: 0\r\n\r\n");

    // Our INVITE to an agent phone and the phone's 200 through two proxies.
    private const string AgentInvite =
        "INVITE sip:1001@10.0.0.7:5062 SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKout1\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: <sip:13812345678@cti.local>;tag=uac-tag\r\n" +
        "To: <sip:1001@cti.local>\r\n" +
        "Call-ID: agent-leg-1\r\n" +
        "CSeq: 1 INVITE\r\n" +
        "Contact: <sip:cti@192.0.2.1:5060>\r\n" +
        "Content-Length: 0\r\n\r\n";

    private const string AgentOk =
        "SIP/2.0 200 OK\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKout1\r\n" +
        "Record-Route: <sip:near.example;lr>\r\n" +
        "Record-Route: <sip:far.example;lr>\r\n" +
        "From: <sip:13812345678@cti.local>;tag=uac-tag\r\n" +
        "To: <sip:1001@cti.local>;tag=phone-tag\r\n" +
        "Call-ID: agent-leg-1\r\n" +
        "CSeq: 1 INVITE\r\n" +
        "Contact: <sip:1001@10.0.0.7:5062;ob>\r\n" +
        "Content-Length: 0\r\n\r\n";

    private static SipDialog UacDialog() => SipDialog.CreateAsUac(ParseRequest(AgentInvite), ParseResponse(AgentOk), PhoneFlow, "<sip:cti@192.0.2.1:5060>");

    [Fact]
    public void CreateAsUas_CarrierInvite_TagsIdsTargetAndRouteSetFromTheInvite()
    {
        var dialog = UasDialog();

        Assert.Equal("call-1@carrier.example", dialog.CallId);
        Assert.Equal("our-tag", dialog.LocalTag);
        Assert.Equal("from-carrier", dialog.RemoteTag);
        Assert.Equal("100", dialog.LocalParty.Uri.User);
        Assert.Equal("13812345678", dialog.RemoteParty.Uri.User);
        Assert.Equal("192.0.2.10", dialog.RemoteTarget.Host);
        Assert.Equal(5060, dialog.RemoteTarget.Port);
        Assert.Equal(7u, dialog.RemoteCSeq);
        Assert.Equal(0u, dialog.LocalCSeq);
        Assert.Same(CarrierFlow, dialog.Flow);
        Assert.Equal(OurContact, dialog.LocalContact);

        // The UAS keeps Record-Route in the order received (§12.1.1).
        Assert.Equal(["p2.example", "p1.example"], dialog.RouteSet.Select(r => r.Uri.Host));
    }

    [Fact]
    public void CreateAsUas_DoesNotChangeTheInvite()
    {
        var invite = ParseRequest(CarrierInvite);

        _ = SipDialog.CreateAsUas(invite, "our-tag", CarrierFlow, OurContact);

        Assert.Null(invite.To!.Tag);
    }

    [Fact]
    public void CreateAsUas_InviteWithoutContact_TargetsTheFromUri()
    {
        var invite = ParseRequest(CarrierInvite.Replace("Contact: <sip:13812345678@192.0.2.10:5060;transport=udp>\r\n", string.Empty, StringComparison.Ordinal));

        var dialog = SipDialog.CreateAsUas(invite, "t", CarrierFlow, OurContact);

        Assert.Equal("carrier.example", dialog.RemoteTarget.Host);
        Assert.Equal("13812345678", dialog.RemoteTarget.User);
    }

    [Fact]
    public void CreateAsUac_TwoHundredWithRecordRoute_RouteSetReversedTargetFromContact()
    {
        var dialog = UacDialog();

        Assert.Equal("agent-leg-1", dialog.CallId);
        Assert.Equal("uac-tag", dialog.LocalTag);
        Assert.Equal("phone-tag", dialog.RemoteTag);
        Assert.Equal("10.0.0.7", dialog.RemoteTarget.Host);
        Assert.Equal(5062, dialog.RemoteTarget.Port);
        Assert.True(dialog.RemoteTarget.Parameters.Contains("ob"));
        Assert.Equal(1u, dialog.LocalCSeq);
        Assert.Null(dialog.RemoteCSeq);

        // The UAC reverses the Record-Route of the response (§12.1.2): the proxy nearest to us comes first.
        Assert.Equal(["far.example", "near.example"], dialog.RouteSet.Select(r => r.Uri.Host));
    }

    [Fact]
    public void CreateAsUac_ResponseWithoutContact_TargetsTheRequestUri()
    {
        var ok = ParseResponse(AgentOk.Replace("Contact: <sip:1001@10.0.0.7:5062;ob>\r\n", string.Empty, StringComparison.Ordinal));

        var dialog = SipDialog.CreateAsUac(ParseRequest(AgentInvite), ok, PhoneFlow, "<sip:cti@192.0.2.1:5060>");

        Assert.Equal("sip:1001@10.0.0.7:5062", dialog.RemoteTarget.ToString());
    }

    [Fact]
    public void CreateRequest_Bye_NextCSeqRoutesIdentitiesAndNoContact()
    {
        var dialog = UasDialog();

        var bye = dialog.CreateRequest(SipMethods.Bye);

        Assert.Equal(SipMethods.Bye, bye.Method);
        Assert.Equal("192.0.2.10", bye.RequestUri.Host);
        Assert.Equal(new SipCSeq(1, SipMethods.Bye), bye.CSeq);
        Assert.Equal(1u, dialog.LocalCSeq);
        Assert.Equal("call-1@carrier.example", bye.CallId);

        // From is our side (with our tag), To the peer's (with its tag): the roles of the INVITE swap for the UAS.
        Assert.Equal("our-tag", bye.From!.Tag);
        Assert.Equal("100", bye.From.Uri.User);
        Assert.Equal("from-carrier", bye.To!.Tag);
        Assert.Equal("13812345678", bye.To.Uri.User);
        Assert.Equal(["p2.example", "p1.example"], bye.Routes.Select(r => r.Uri.Host));
        Assert.Null(bye.Headers.Get(SipHeaderNames.Contact));
    }

    [Fact]
    public void CreateRequest_Repeated_CSeqIncrementsByOne()
    {
        var dialog = UacDialog();

        var first = dialog.CreateRequest(SipMethods.Invite);
        var second = dialog.CreateRequest(SipMethods.Bye);

        Assert.Equal(2u, first.CSeq!.Number);
        Assert.Equal(3u, second.CSeq!.Number);
        Assert.Equal(SipMethods.Bye, second.CSeq.Method);
        Assert.Equal(3u, dialog.LocalCSeq);
    }

    [Theory]
    [InlineData("INVITE", true)]
    [InlineData("UPDATE", true)]
    [InlineData("REFER", true)]
    [InlineData("NOTIFY", true)]
    [InlineData("BYE", false)]
    [InlineData("INFO", false)]
    [InlineData("OPTIONS", false)]
    public void CreateRequest_Method_ContactOnlyOnTargetRefreshAndSubscriptionRequests(string method, bool hasContact)
    {
        var dialog = UacDialog();

        var request = dialog.CreateRequest(method);

        Assert.Equal(hasContact ? "<sip:cti@192.0.2.1:5060>" : null, request.Headers.Get(SipHeaderNames.Contact));
    }

    [Fact]
    public void CreateRequest_Uac_RoutesInReversedOrderAndOurTagInFrom()
    {
        var dialog = UacDialog();

        var bye = dialog.CreateRequest(SipMethods.Bye);

        Assert.Equal(["far.example", "near.example"], bye.Routes.Select(r => r.Uri.Host));
        Assert.Equal("uac-tag", bye.From!.Tag);
        Assert.Equal("phone-tag", bye.To!.Tag);
        Assert.Equal("sip:1001@10.0.0.7:5062;ob", bye.RequestUri.ToString());
    }

    [Fact]
    public void CreateRequest_SerialisesAndParsesBack()
    {
        var dialog = UasDialog();
        var bye = dialog.CreateRequest(SipMethods.Bye);
        bye.Headers.Add(SipHeaderNames.Via, "SIP/2.0/UDP 192.0.2.1:5080;branch=z9hG4bKbye1");
        bye.Headers.Add(SipHeaderNames.MaxForwards, "70");

        var reparsed = SipMessageParser.ParseDatagram(SipMessageWriter.ToBytes(bye));

        Assert.True(reparsed.IsSuccess, reparsed.Error?.ToString());
        var request = Assert.IsType<SipRequest>(reparsed.Message);
        Assert.Equal("1 BYE", request.CSeq!.ToString());
        Assert.Equal(2, request.Routes.Count);
    }

    [Fact]
    public void CreateAck_AfterReInvite_KeepsTheInviteCSeqAndDoesNotAdvance()
    {
        var dialog = UacDialog();
        var reinvite = dialog.CreateRequest(SipMethods.Invite);

        var ack = dialog.CreateAck(reinvite.CSeq!.Number);

        Assert.Equal(new SipCSeq(2, SipMethods.Ack), ack.CSeq);
        Assert.Equal(2u, dialog.LocalCSeq);
        Assert.Null(ack.Headers.Get(SipHeaderNames.Contact));
        Assert.Equal(["far.example", "near.example"], ack.Routes.Select(r => r.Uri.Host));
        Assert.Equal(3u, dialog.CreateRequest(SipMethods.Bye).CSeq!.Number);
    }

    [Fact]
    public void CreateAck_ForTheInitialInvite_UsesItsCSeq()
    {
        var dialog = UacDialog();

        var ack = dialog.CreateAck(1);

        Assert.Equal(new SipCSeq(1, SipMethods.Ack), ack.CSeq);
        Assert.Equal("uac-tag", ack.From!.Tag);
        Assert.Equal("phone-tag", ack.To!.Tag);
    }

    [Fact]
    public void Matches_RequestWithBothTagsAndCallId_True()
    {
        Assert.True(UasDialog().Matches(FromCarrier(SipMethods.Bye, 8)));
    }

    [Theory]
    [InlineData("other-tag", "from-carrier", "call-1@carrier.example")]
    [InlineData("our-tag", "someone-else", "call-1@carrier.example")]
    [InlineData("our-tag", "from-carrier", "call-2@carrier.example")]
    public void Matches_AnyIdentifierDiffers_False(string toTag, string fromTag, string callId)
    {
        Assert.False(UasDialog().Matches(FromCarrier(SipMethods.Bye, 8, toTag: toTag, fromTag: fromTag, callId: callId)));
    }

    [Fact]
    public void AcceptRemoteRequest_HigherCSeq_AcceptedAndRemembered()
    {
        var dialog = UasDialog();

        Assert.True(dialog.AcceptRemoteRequest(FromCarrier(SipMethods.Info, 8)));

        Assert.Equal(8u, dialog.RemoteCSeq);
    }

    [Theory]
    [InlineData(7u)]
    [InlineData(3u)]
    public void AcceptRemoteRequest_CSeqNotAboveLast_Rejected(uint cseq)
    {
        var dialog = UasDialog();

        Assert.False(dialog.AcceptRemoteRequest(FromCarrier(SipMethods.Bye, cseq)));

        Assert.Equal(7u, dialog.RemoteCSeq);
    }

    [Fact]
    public void AcceptRemoteRequest_Ack_KeepsTheInviteCSeqWithoutRejection()
    {
        var dialog = UasDialog();

        Assert.True(dialog.AcceptRemoteRequest(FromCarrier(SipMethods.Ack, 7)));

        Assert.Equal(7u, dialog.RemoteCSeq);
    }

    [Fact]
    public void AcceptRemoteRequest_FirstRequestOnUacDialog_AnyCSeqAccepted()
    {
        var dialog = UacDialog();
        var bye = ParseRequest(
            "BYE sip:cti@192.0.2.1:5060 SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 10.0.0.7:5062;branch=z9hG4bKphone1\r\n" +
            "Max-Forwards: 70\r\n" +
            "From: <sip:1001@cti.local>;tag=phone-tag\r\n" +
            "To: <sip:13812345678@cti.local>;tag=uac-tag\r\n" +
            "Call-ID: agent-leg-1\r\n" +
            "CSeq: 1 BYE\r\n" +
            "Content-Length: 0\r\n\r\n");

        Assert.True(dialog.Matches(bye));
        Assert.True(dialog.AcceptRemoteRequest(bye));
        Assert.Equal(1u, dialog.RemoteCSeq);
    }

    [Fact]
    public void AcceptRemoteRequest_ReInviteWithNewContact_MovesRemoteTarget()
    {
        var dialog = UasDialog();

        Assert.True(dialog.AcceptRemoteRequest(FromCarrier(SipMethods.Invite, 8, "<sip:13812345678@198.51.100.20:5070>")));

        Assert.Equal("198.51.100.20", dialog.RemoteTarget.Host);
        Assert.Equal(5070, dialog.RemoteTarget.Port);
        Assert.Equal("198.51.100.20", dialog.CreateRequest(SipMethods.Bye).RequestUri.Host);
    }

    [Fact]
    public void AcceptRemoteRequest_NonRefreshWithContact_KeepsRemoteTarget()
    {
        var dialog = UasDialog();

        Assert.True(dialog.AcceptRemoteRequest(FromCarrier(SipMethods.Info, 8, "<sip:13812345678@198.51.100.20:5070>")));

        Assert.Equal("192.0.2.10", dialog.RemoteTarget.Host);
    }

    [Fact]
    public void AcceptRemoteRequest_StaleReInvite_RejectedAndTargetUnchanged()
    {
        var dialog = UasDialog();

        Assert.False(dialog.AcceptRemoteRequest(FromCarrier(SipMethods.Invite, 6, "<sip:13812345678@198.51.100.20:5070>")));

        Assert.Equal("192.0.2.10", dialog.RemoteTarget.Host);
    }

    [Fact]
    public void NewTagAndNewCallId_Random()
    {
        Assert.NotEqual(SipDialog.NewTag(), SipDialog.NewTag());
        Assert.NotEqual(SipDialog.NewCallId(), SipDialog.NewCallId());
        Assert.False(string.IsNullOrWhiteSpace(SipDialog.NewTag()));
    }
}
