using Cti.Interop.Tests.Calls;
using Cti.Interop.Tests.Infrastructure;

namespace Cti.Interop.Tests.Softphones;

/// <summary>
/// Call control Linphone starts itself on a queue call, against the service as shipped: hold and resume
/// (re-INVITEs) and a blind transfer (REFER) to another agent, over UDP and TCP.
/// </summary>
public sealed class LinphoneCallControlTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData("udp")]
    [InlineData("tcp")]
    public async Task LinphoneHoldsAndResumes_EventsAndHoldTimeRecorded(string transport)
    {
        await using var bed = await CallTestBed.StartAsync();
        await using var linphone = await StartLinphoneAsync(bed, transport, "1001");
        await bed.LoginAsync("1001");

        var carrierTask = SoftphoneMatrixTests.CallDid100Async(bed, "carrier-call-hold.xml", TimeSpan.FromSeconds(1));
        await linphone.WaitForLineAsync(" connected.", Wait);
        var mark = linphone.LineCount;
        await linphone.HoldAsync();
        await linphone.WaitForLineAsync("is now paused", Wait, mark);
        await bed.WaitUntilAsync(async () => (await bed.EventsAsync("call.held")).Count == 1, Wait, "call.held\n" + linphone.Output);
        // The hold lasts at least a second: the CDR's hold time is measured against that.
        await Task.Delay(1000);
        await linphone.ResumeAsync();
        await bed.WaitUntilAsync(async () => (await bed.EventsAsync("call.resumed")).Count == 1, Wait, "call.resumed\n" + linphone.Output);
        var carrier = await carrierTask;

        Assert.True(carrier.ExitCode == 0 && carrier.Successful == 1, carrier + "\n" + linphone.Output + "\n" + bed.Host.Output);
        var cdr = Assert.Single(await bed.WaitForCdrsAsync(1))!.AsObject();
        Assert.True((double)cdr["holdSeconds"]! >= 0.9, cdr.ToJsonString());
        Assert.Equal("caller", (string?)cdr["hungUpBy"]);
    }

    [Theory]
    [InlineData("udp")]
    [InlineData("tcp")]
    public async Task LinphoneBlindTransfersToAnotherAgent_CallContinuesWithThem_TransferChainInCdr(string transport)
    {
        await using var bed = await CallTestBed.StartAsync();
        await using var linphone = await StartLinphoneAsync(bed, transport, "1001");
        await using var second = await bed.StartAgentAsync("1002");
        await bed.LoginAsync("1001", "1002");

        var carrierTask = SoftphoneMatrixTests.CallDid100Async(bed, "carrier-call.xml", TimeSpan.FromSeconds(8));
        await linphone.WaitForLineAsync(" connected.", Wait);
        await linphone.TransferAsync($"sip:1002@127.0.0.1:{bed.Host.SipPort};transport={transport}");
        try
        {
            await second.WaitForEventAsync(BaresipAgent.EventTypes.CallEstablished, Wait);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(ex.Message + "\n" + linphone.Output + "\n" + bed.Host.Output, ex);
        }
        var carrier = await carrierTask;

        Assert.True(carrier.ExitCode == 0 && carrier.Successful == 1, carrier + "\n" + linphone.Output + "\n" + bed.Host.Output);
        var cdr = Assert.Single(await bed.WaitForCdrsAsync(1))!.AsObject();
        Assert.Equal("answered", (string?)cdr["disposition"]);
        Assert.Equal("1002", (string?)cdr["agent"]);
        var step = Assert.Single(cdr["transfers"]!.AsArray())!;
        Assert.Equal("1001", (string?)step["fromAgent"]);
        Assert.Equal("1002", (string?)step["target"]);
        Assert.Equal("agent", (string?)step["kind"]);
    }

    private static async Task<LinphoneAgent> StartLinphoneAsync(CallTestBed bed, string transport, string extension)
    {
        var password = CtiHostProcess.Agents.First(a => a.Extension == extension).Password;
        var agent = LinphoneAgent.Start(extension, password, bed.Host.SipPort, transport);
        try
        {
            await bed.WaitUntilAsync(
                async () => (await bed.Api.GetStringAsync("/api/v1/registrations")).Contains($"\"extension\":\"{extension}\"", StringComparison.Ordinal),
                Wait,
                $"linphone {extension} registered\n{agent.Output}");
        }
        catch
        {
            await agent.DisposeAsync();
            throw;
        }

        return agent;
    }
}
