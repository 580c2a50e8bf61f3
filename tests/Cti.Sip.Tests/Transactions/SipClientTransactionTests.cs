using Cti.Sip.Messages;
using Cti.Sip.Transactions;

namespace Cti.Sip.Tests.Transactions;

public sealed class SipClientTransactionTests : SipTransactionTestBase
{
    private static bool IsInvite(SipMessage m) => m is SipRequest { Method: SipMethods.Invite };

    [Fact]
    public async Task InviteUnreliable_TimerADoublesAndTimerBGives408()
    {
        var transaction = Layer.StartClient(SipTestMessages.Request(SipMethods.Invite), SipTestMessages.UdpPeer);

        Elapse(31_990);
        Assert.False(transaction.FinalResponse.IsCompleted);
        Elapse(10);

        Assert.Equal([0, 500, 1500, 3500, 7500, 15500, 31500], Transport.TimesOf(IsInvite));
        Assert.True(transaction.FinalResponse.IsCompletedSuccessfully);
        Assert.Equal(408, (await transaction.FinalResponse).StatusCode);
        Assert.Equal(0, Layer.Count);
    }

    [Fact]
    public async Task InviteReliable_NoRetransmissionsButTimerB()
    {
        var transaction = Layer.StartClient(SipTestMessages.Request(SipMethods.Invite), SipTestMessages.TcpPeer);

        Elapse(32_000);

        Assert.Equal([0], Transport.TimesOf(IsInvite));
        Assert.Equal(408, (await transaction.FinalResponse).StatusCode);
    }

    [Fact]
    public void InviteProvisional_StopsRetransmissionAndTimerB()
    {
        var request = SipTestMessages.Request(SipMethods.Invite);
        var transaction = Layer.StartClient(request, SipTestMessages.UdpPeer);
        Elapse(600);

        Assert.True(Layer.OnResponse(SipResponseFactory.Create(request, 180)));
        Elapse(40_000);

        Assert.Equal([0, 500], Transport.TimesOf(IsInvite));
        Assert.Equal(SipTransactionState.Proceeding, transaction.State);
        Assert.False(transaction.FinalResponse.IsCompleted);
    }

    [Fact]
    public async Task InviteNon2xxFinal_SendsAckOnSameBranchAndResendsItOnRetransmission()
    {
        var request = SipTestMessages.Request(SipMethods.Invite, branch: "z9hG4bKinv");
        var transaction = Layer.StartClient(request, SipTestMessages.UdpPeer);
        var busy = SipResponseFactory.Create(request, 486, toTag: "remote9");

        Layer.OnResponse(busy);
        Assert.Equal(486, (await transaction.FinalResponse).StatusCode);
        var ack = Assert.Single(Transport.Requests(), r => r.Method == SipMethods.Ack);
        Assert.Equal("z9hG4bKinv", ack.TopVia!.Branch);
        Assert.Equal("remote9", ack.To!.Tag);
        Assert.Equal(new SipCSeq(1, SipMethods.Ack), ack.CSeq);

        Layer.OnResponse(SipResponseFactory.Create(request, 486, toTag: "remote9"));
        Assert.Equal(2, Transport.Requests().Count(r => r.Method == SipMethods.Ack));

        Elapse(31_990);
        Assert.Equal(SipTransactionState.Completed, transaction.State);
        Elapse(10);
        Assert.Equal(SipTransactionState.Terminated, transaction.State); // Timer D
        Assert.False(Layer.OnResponse(busy));
    }

    [Fact]
    public async Task Invite2xx_TerminatesWithoutAck()
    {
        var request = SipTestMessages.Request(SipMethods.Invite);
        var transaction = Layer.StartClient(request, SipTestMessages.UdpPeer);

        Layer.OnResponse(SipResponseFactory.Create(request, 200, toTag: "t"));

        Assert.Equal(200, (await transaction.FinalResponse).StatusCode);
        Assert.DoesNotContain(Transport.Requests(), r => r.Method == SipMethods.Ack);
        Assert.Equal(0, Layer.Count);
    }

    [Fact]
    public async Task NonInviteUnreliable_TimerECappedAtT2AndTimerFGives408()
    {
        var transaction = Layer.StartClient(SipTestMessages.Request(SipMethods.Options), SipTestMessages.UdpPeer);

        Elapse(32_000);

        Assert.Equal([0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500], Transport.TimesOf(m => m is SipRequest));
        Assert.Equal(408, (await transaction.FinalResponse).StatusCode);
        Assert.Equal(0, Layer.Count);
    }

    [Fact]
    public void NonInviteProvisional_RetransmitsEveryT2()
    {
        var request = SipTestMessages.Request(SipMethods.Register);
        Layer.StartClient(request, SipTestMessages.UdpPeer);
        Elapse(100);
        Layer.OnResponse(SipResponseFactory.Create(request, 100));

        Elapse(9_000);

        Assert.Equal([0, 500, 4500, 8500], Transport.TimesOf(m => m is SipRequest));
    }

    [Fact]
    public async Task NonInviteFinal_TimerKAbsorbsThenTerminates()
    {
        var request = SipTestMessages.Request(SipMethods.Options);
        var transaction = Layer.StartClient(request, SipTestMessages.UdpPeer);

        Layer.OnResponse(SipResponseFactory.Create(request, 200));
        Assert.Equal(200, (await transaction.FinalResponse).StatusCode);
        Assert.True(Layer.OnResponse(SipResponseFactory.Create(request, 200))); // absorbed
        Elapse(4_990);
        Assert.Equal(1, Layer.Count);
        Elapse(10);

        Assert.Equal(0, Layer.Count);
        Assert.Single(Transport.Requests());
    }

    [Fact]
    public async Task TransportError_Gives503()
    {
        Transport.Fail = true;

        var transaction = Layer.StartClient(SipTestMessages.Request(SipMethods.Options), SipTestMessages.UdpPeer);

        Assert.Equal(503, (await transaction.FinalResponse).StatusCode);
        Assert.Equal(0, Layer.Count);
    }

    [Fact]
    public void OnResponse_OtherBranchOrMethod_NotMatched()
    {
        var request = SipTestMessages.Request(SipMethods.Options, branch: "z9hG4bKmine");
        Layer.StartClient(request, SipTestMessages.UdpPeer);

        Assert.False(Layer.OnResponse(SipResponseFactory.Create(SipTestMessages.Request(SipMethods.Options, branch: "z9hG4bKother"), 200)));
        Assert.False(Layer.OnResponse(SipResponseFactory.Create(SipTestMessages.Request(SipMethods.Register, branch: "z9hG4bKmine"), 200)));
    }
}
