using System.Net;
using System.Net.Sockets;

namespace Cti.Interop.Tests.Infrastructure;

/// <summary>
/// The test tools checked against each other, without the service: every SIPp call scenario against its peer
/// scenario, and baresip's ctrl_tcp commands against a second baresip or a checking SIPp peer. A failure here
/// is a broken tool or scenario, not a broken service.
/// </summary>
public sealed class ToolSelfTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task CarrierCall_AgainstEchoingAgent_CallsSucceedAndAudioComesBack()
    {
        await using var agent = await SippRunner.StartServerAsync("agent-answer.xml", new() { RtpEcho = true }, lifetime: Bound);

        var carrier = await SippRunner.RunAsync(
            "carrier-call.xml", agent.Target, calls: 2, rate: 10, timeout: Bound,
            call: new() { Service = "100", CallLength = TimeSpan.FromSeconds(1) });
        var served = await agent.StopAsync();

        Assert.True(carrier.ExitCode == 0 && carrier.Successful == 2 && carrier.Failed == 0, carrier.ToString());
        Assert.True(served.Successful == 2 && served.Failed == 0, served.ToString());
        // The pcap plays about 33 packets a second: two 1 s calls echo well over 40.
        Assert.True(served.RtpPacketsEchoed >= 40, $"echoed {served.RtpPacketsEchoed}\n{served}");
    }

    [Fact]
    public async Task SignallingCalls_AgainstAgent_AllSucceedWithoutMedia()
    {
        await using var agent = await SippRunner.StartServerAsync("agent-answer.xml", lifetime: Bound);

        var carrier = await SippRunner.RunAsync(
            "carrier-call-signalling.xml", agent.Target, calls: 10, rate: 20, timeout: Bound, call: new() { Service = "100" });
        var served = await agent.StopAsync();

        Assert.True(carrier.ExitCode == 0 && carrier.Successful == 10, carrier.ToString());
        Assert.True(served.Successful == 10 && served.Failed == 0, served.ToString());
    }

    [Fact]
    public async Task CarrierAbandon_AgainstRingingAgent_CancelGets200And487()
    {
        await using var agent = await SippRunner.StartServerAsync("agent-ring.xml", lifetime: Bound);

        var carrier = await SippRunner.RunAsync("carrier-abandon.xml", agent.Target, calls: 2, rate: 10, timeout: Bound, call: new() { Service = "100" });
        var served = await agent.StopAsync();

        Assert.True(carrier.ExitCode == 0 && carrier.Successful == 2 && carrier.Failed == 0, carrier.ToString());
        Assert.True(served.Successful == 2 && served.Failed == 0, "the ringing side must see CANCEL and the ACK of its 487\n" + served);
    }

    [Fact]
    public async Task AgentBusy_AgainstInvite_Gets486AndAckSeenLiveAndAtStop()
    {
        await using var agent = await SippRunner.StartServerAsync("agent-busy.xml", lifetime: Bound);

        var caller = await SippRunner.RunAsync("invite-expect-486.xml", agent.Target, calls: 3, rate: 10, timeout: Bound, call: new() { Service = "1001" });
        // While it runs: a call counts once its 0.5 s timewait is over.
        var live = await agent.SnapshotAsync();
        for (var attempt = 0; attempt < 10 && live.Successful < 3; attempt++)
        {
            live = await agent.SnapshotAsync();
        }

        var served = await agent.StopAsync();

        Assert.True(caller.ExitCode == 0 && caller.Successful == 3, caller.ToString());
        Assert.True(live.Successful == 3 && live.Failed == 0, "snapshot while running\n" + live);
        Assert.True(served.Successful == 3 && served.Failed == 0, served.ToString());
    }

    [Fact]
    public async Task AgentHangsUp_CarrierAwaitingBye_BothSucceed()
    {
        await using var agent = await SippRunner.StartServerAsync(
            "agent-answer-hangup.xml", new() { RtpEcho = true, CallLength = TimeSpan.FromMilliseconds(500) }, lifetime: Bound);

        var carrier = await SippRunner.RunAsync("carrier-call-await-bye.xml", agent.Target, calls: 1, rate: 1, timeout: Bound, call: new() { Service = "100" });
        var served = await agent.StopAsync();

        Assert.True(carrier.ExitCode == 0 && carrier.Successful == 1, carrier.ToString());
        Assert.True(served.Successful == 1 && served.Failed == 0, served.ToString());
    }

    [Fact]
    public async Task RtpEcho_DatagramsToMediaPort_ComeBackUnchanged()
    {
        await using var agent = await SippRunner.StartServerAsync("agent-answer.xml", new() { RtpEcho = true }, lifetime: Bound);
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var target = new IPEndPoint(IPAddress.Loopback, agent.MediaPort);

        var echoed = 0;
        for (var sequence = 0; sequence < 20; sequence++)
        {
            // A minimal RTP header (version 2, PCMA) and 160 bytes of A-law silence.
            var packet = new byte[172];
            packet[0] = 0x80;
            packet[1] = 8;
            packet[2] = (byte)(sequence >> 8);
            packet[3] = (byte)sequence;
            Array.Fill(packet, (byte)0xD5, 12, 160);
            await socket.SendAsync(packet, target);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            var back = await socket.ReceiveAsync(wait.Token);
            echoed += back.Buffer.AsSpan().SequenceEqual(packet) ? 1 : 0;
        }

        Assert.Equal(20, echoed);
    }

    [Fact]
    public async Task Baresip_DialAcceptDtmfHangUp_BothSidesSeeEachState()
    {
        await using var caller = BaresipAgent.StartUnregistered("caller");
        await using var callee = BaresipAgent.StartUnregistered("callee", answerMode: "manual");
        await callee.WaitReadyAsync();

        await caller.DialAsync(callee.Uri);
        var incoming = await callee.WaitForEventAsync(BaresipAgent.EventTypes.CallIncoming, Bound);
        await caller.WaitForEventAsync(BaresipAgent.EventTypes.CallRinging, Bound);
        Assert.Contains("sip:caller@", incoming.PeerUri, StringComparison.Ordinal);

        await callee.AcceptAsync();
        await callee.WaitForEventAsync(BaresipAgent.EventTypes.CallEstablished, Bound);
        await caller.WaitForEventAsync(BaresipAgent.EventTypes.CallEstablished, Bound);
        Assert.Contains("ESTABLISHED", await caller.ListCallsAsync(), StringComparison.Ordinal);

        await caller.SendDtmfAsync('5');
        var digit = await callee.WaitForEventAsync(BaresipAgent.EventTypes.CallDtmfStart, Bound);
        Assert.Equal("5", digit.Param);

        await caller.HangUpAsync();
        var closed = await callee.WaitForEventAsync(BaresipAgent.EventTypes.CallClosed, Bound);
        Assert.Equal(incoming.CallId, closed.CallId);
    }

    [Fact]
    public async Task Baresip_HoldResumeTransferHangUp_PeerSeesSendonlySendrecvReferBye()
    {
        // The peer checks each request's content (phone-control-check.xml) and fails the call on a mismatch.
        await using var peer = await SippRunner.StartServerAsync("phone-control-check.xml", lifetime: Bound);
        await using var phone = BaresipAgent.StartUnregistered("agent");

        await phone.DialAsync(peer.Contact("peer"));
        await phone.WaitForEventAsync(BaresipAgent.EventTypes.CallEstablished, Bound);
        var mark = phone.EventCount;
        await phone.HoldAsync();
        await phone.WaitForEventAsync(BaresipAgent.EventTypes.CallRemoteSdp, Bound, mark);
        Assert.Contains("(on hold)", await phone.ListCallsAsync(), StringComparison.Ordinal);
        mark = phone.EventCount;
        await phone.ResumeAsync();
        await phone.WaitForEventAsync(BaresipAgent.EventTypes.CallRemoteSdp, Bound, mark);
        await phone.TransferAsync($"sip:transfer-target@127.0.0.1:{LoopbackPorts.Next()}");
        await phone.HangUpAsync();
        await phone.WaitForEventAsync(BaresipAgent.EventTypes.CallClosed, Bound);
        var checkedPeer = await peer.StopAsync();

        Assert.True(checkedPeer.Successful == 1 && checkedPeer.Failed == 0, checkedPeer + "\nbaresip:\n" + phone.Output);
    }

    [Fact]
    public async Task Baresip_TransferredPeer_GetsTransferEvent()
    {
        await using var transferor = BaresipAgent.StartUnregistered("transferor");
        await using var transferee = BaresipAgent.StartUnregistered("transferee");
        await transferee.WaitReadyAsync();

        await transferor.DialAsync(transferee.Uri);
        await transferor.WaitForEventAsync(BaresipAgent.EventTypes.CallEstablished, Bound);
        var target = $"sip:target@127.0.0.1:{LoopbackPorts.Next()}";
        await transferor.TransferAsync(target);

        var transfer = await transferee.WaitForEventAsync(BaresipAgent.EventTypes.CallTransfer, Bound);
        Assert.Contains("sip:target@", transfer.Param, StringComparison.Ordinal);
    }
}
