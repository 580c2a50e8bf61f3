using Cti.Sip.Messages;
using Cti.Sip.Transactions;

namespace Cti.Sip.Tests.Transactions;

public sealed class SipServerTransactionTests : SipTransactionTestBase
{
    private SipServerTransaction NewServer(SipRequest request, Cti.Sip.Transport.SipEndPoint? source = null)
    {
        Assert.Equal(SipServerRequestDisposition.NewTransaction, Layer.OnRequest(request, source ?? SipTestMessages.UdpPeer, out var transaction));
        return transaction!;
    }

    private long[] TimesOfStatus(int status) => Transport.TimesOf(m => m is SipResponse r && r.StatusCode == status);

    [Fact]
    public void Invite_Sends100TryingAtOnce()
    {
        NewServer(SipTestMessages.Request(SipMethods.Invite));

        Assert.Equal([0], TimesOfStatus(100));
    }

    [Fact]
    public void InviteNon2xx_TimerGCappedAtT2_TimerHTerminatesWithoutAck()
    {
        var request = SipTestMessages.Request(SipMethods.Invite);
        var transaction = NewServer(request);
        transaction.Respond(SipResponseFactory.Create(request, 486, toTag: "us"));

        Elapse(31_990);
        Assert.Equal(SipTransactionState.Completed, transaction.State);
        Elapse(10);

        Assert.Equal([0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500], TimesOfStatus(486));
        Assert.Equal(SipTransactionState.Terminated, transaction.State);
        Assert.Equal(0, Layer.Count);
    }

    [Fact]
    public void InviteNon2xx_AckConfirmsAndTimerITerminates()
    {
        var request = SipTestMessages.Request(SipMethods.Invite, branch: "z9hG4bKi1");
        var transaction = NewServer(request);
        transaction.Respond(SipResponseFactory.Create(request, 404, toTag: "us"));
        Elapse(600);

        Assert.Equal(SipServerRequestDisposition.AckAbsorbed, Layer.OnRequest(SipTestMessages.Ack("z9hG4bKi1", "us"), SipTestMessages.UdpPeer, out _));
        Assert.Equal(SipTransactionState.Confirmed, transaction.State);

        // A retransmitted ACK in Confirmed is absorbed too.
        Assert.Equal(SipServerRequestDisposition.AckAbsorbed, Layer.OnRequest(SipTestMessages.Ack("z9hG4bKi1", "us"), SipTestMessages.UdpPeer, out _));
        Elapse(4_990);
        Assert.Equal(SipTransactionState.Confirmed, transaction.State);
        Elapse(10);

        Assert.Equal(SipTransactionState.Terminated, transaction.State);
        Assert.Equal([0, 500], TimesOfStatus(404));
    }

    [Fact]
    public void Invite2xx_RetransmittedUntilAckOnNewBranch()
    {
        var request = SipTestMessages.Request(SipMethods.Invite, branch: "z9hG4bKi2");
        var transaction = NewServer(request);
        transaction.Respond(SipResponseFactory.Create(request, 200, toTag: "us"));
        Elapse(2_000);

        Assert.Equal(SipServerRequestDisposition.AckFor2xx, Layer.OnRequest(SipTestMessages.Ack("z9hG4bKnew", "us"), SipTestMessages.UdpPeer, out _));
        Elapse(10_000);

        Assert.Equal([0, 500, 1500], TimesOfStatus(200));
        Assert.Equal(SipTransactionState.Terminated, transaction.State);
        Assert.Equal(0, Layer.Count);
    }

    [Fact]
    public void Invite2xx_NoAck_TimerLEndsAfter64T1()
    {
        var request = SipTestMessages.Request(SipMethods.Invite);
        var transaction = NewServer(request);
        transaction.Respond(SipResponseFactory.Create(request, 200, toTag: "us"));

        Elapse(32_000);

        Assert.Equal(11, TimesOfStatus(200).Length);
        Assert.Equal(SipTransactionState.Terminated, transaction.State);
    }

    [Fact]
    public void InviteReliable_NoResponseRetransmission()
    {
        var request = SipTestMessages.Request(SipMethods.Invite);
        var transaction = NewServer(request, SipTestMessages.TcpPeer);
        transaction.Respond(SipResponseFactory.Create(request, 486, toTag: "us"));

        Elapse(40_000);

        Assert.Equal([0], TimesOfStatus(486));
        Assert.Equal(SipTransactionState.Terminated, transaction.State);
    }

    [Fact]
    public void NonInviteRetransmission_AbsorbedAndLastResponseResent()
    {
        var request = SipTestMessages.Request(SipMethods.Register);
        var transaction = NewServer(request);

        // Before the TU answers, a retransmission is absorbed silently.
        Assert.Equal(SipServerRequestDisposition.Retransmission, Layer.OnRequest(SipTestMessages.Request(SipMethods.Register), SipTestMessages.UdpPeer, out _));
        Assert.Empty(Transport.Sent);

        transaction.Respond(SipResponseFactory.Create(request, 200, toTag: "us"));
        Elapse(1_000);
        Assert.Equal(SipServerRequestDisposition.Retransmission, Layer.OnRequest(SipTestMessages.Request(SipMethods.Register), SipTestMessages.UdpPeer, out _));

        Assert.Equal([0, 1000], TimesOfStatus(200));
        Assert.False(transaction.Respond(SipResponseFactory.Create(request, 500)));
    }

    [Fact]
    public void Retransmission_FromAnotherSource_AnsweredWhereItCameFrom()
    {
        // RFC 4475's novelsc and unkscm share one transaction key but come from different sockets.
        var first = new Cti.Sip.Transport.SipEndPoint(Cti.Sip.Transport.SipTransportProtocol.Udp, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 40001));
        var second = new Cti.Sip.Transport.SipEndPoint(Cti.Sip.Transport.SipTransportProtocol.Udp, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 40002));
        var request = SipTestMessages.Request(SipMethods.Options, branch: "z9hG4bKtcpvia");
        var transaction = NewServer(request, first);
        transaction.Respond(SipResponseFactory.Create(request, 416, toTag: "us"));

        Assert.Equal(SipServerRequestDisposition.Retransmission, Layer.OnRequest(SipTestMessages.Request(SipMethods.Options, branch: "z9hG4bKtcpvia"), second, out _));

        var destinations = Transport.Sent.Where(s => s.Message is SipResponse { StatusCode: 416 }).Select(s => s.Destination).ToArray();
        Assert.Equal([first, second], destinations);
    }

    [Fact]
    public void NonInvite_TimerJUnreliable64T1_ReliableImmediate()
    {
        var udp = NewServer(SipTestMessages.Request(SipMethods.Options, branch: "z9hG4bKu"));
        var tcp = NewServer(SipTestMessages.Request(SipMethods.Options, branch: "z9hG4bKt"), SipTestMessages.TcpPeer);
        udp.Respond(SipResponseFactory.Create(udp.Request, 200));
        tcp.Respond(SipResponseFactory.Create(tcp.Request, 200));

        Assert.Equal(SipTransactionState.Terminated, tcp.State);
        Elapse(31_990);
        Assert.Equal(SipTransactionState.Completed, udp.State);
        Elapse(10);
        Assert.Equal(SipTransactionState.Terminated, udp.State);
        Assert.Equal(0, Layer.Count);
    }

    [Fact]
    public void Cancel_MatchingInvite_200ForCancelAnd487ForInvite()
    {
        var invite = SipTestMessages.Request(SipMethods.Invite, branch: "z9hG4bKc1");
        var transaction = NewServer(invite);

        var disposition = Layer.OnRequest(SipTestMessages.Request(SipMethods.Cancel, branch: "z9hG4bKc1"), SipTestMessages.UdpPeer, out _);

        Assert.Equal(SipServerRequestDisposition.CancelHandled, disposition);
        Assert.Contains(Transport.Responses(), r => r.StatusCode == 200 && r.CSeq!.Method == SipMethods.Cancel);
        var terminated = Assert.Single(Transport.Responses(), r => r.StatusCode == 487);
        Assert.Equal(SipMethods.Invite, terminated.CSeq!.Method);
        Assert.NotNull(terminated.To!.Tag);
        Assert.True(transaction.Cancelled.IsCancellationRequested);
    }

    [Fact]
    public void Cancel_Unknown_481()
    {
        Layer.OnRequest(SipTestMessages.Request(SipMethods.Cancel, branch: "z9hG4bKnone"), SipTestMessages.UdpPeer, out _);

        Assert.Equal(481, Assert.Single(Transport.Responses()).StatusCode);
    }

    [Fact]
    public void StrayAck_ReportedAndUnanswered()
    {
        Assert.Equal(SipServerRequestDisposition.StrayAck, Layer.OnRequest(SipTestMessages.Ack("z9hG4bKx", "t"), SipTestMessages.UdpPeer, out _));
        Assert.Empty(Transport.Sent);
    }

    [Fact]
    public void Rfc2543Branch_MatchedOnDialogFields()
    {
        NewServer(SipTestMessages.Request(SipMethods.Options, branch: "1"));

        Assert.Equal(SipServerRequestDisposition.Retransmission, Layer.OnRequest(SipTestMessages.Request(SipMethods.Options, branch: "1"), SipTestMessages.UdpPeer, out _));
        Assert.Equal(SipServerRequestDisposition.NewTransaction, Layer.OnRequest(SipTestMessages.Request(SipMethods.Options, branch: "1", cseq: 2), SipTestMessages.UdpPeer, out _));
        Assert.Equal(SipServerRequestDisposition.NewTransaction, Layer.OnRequest(SipTestMessages.Request(SipMethods.Options, branch: "1", callId: "other"), SipTestMessages.UdpPeer, out _));
    }

    [Fact]
    public void Rfc2543Invite_AckWithOurToTagAbsorbed()
    {
        var invite = SipTestMessages.Request(SipMethods.Invite, branch: "legacy7");
        var transaction = NewServer(invite);
        transaction.Respond(SipResponseFactory.Create(invite, 603, toTag: "us"));

        var ack = SipTestMessages.Ack("legacy7", "us");

        Assert.Equal(SipServerRequestDisposition.AckAbsorbed, Layer.OnRequest(ack, SipTestMessages.UdpPeer, out _));
        Assert.Equal(SipTransactionState.Confirmed, transaction.State);
    }

    [Fact]
    public void Invite2xxReliable_StillRetransmittedEndToEnd()
    {
        var request = SipTestMessages.Request(SipMethods.Invite);
        var transaction = NewServer(request, SipTestMessages.TcpPeer);
        transaction.Respond(SipResponseFactory.Create(request, 200, toTag: "us"));

        Elapse(2_000);

        Assert.Equal([0, 500, 1500], TimesOfStatus(200));
    }
}
