using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cti.Interop.Tests.Infrastructure;

namespace Cti.Interop.Tests.Calls;

/// <summary>
/// Calls agents place from their own phones: baresip dials a number through the service, which authenticates the
/// INVITE, rings the number through the trunk (SIPp as the carrier) and bridges the answer back.
/// </summary>
public sealed class AgentCallInteropTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task AgentDialsNumbers_AnsweredOneBridgedAndBusyOneRefused_CdrsOutboundWithTheAgent()
    {
        await using var carrier = await SippRunner.StartServerAsync(
            RepoPaths.Scenario("carrier-callee-mixed.xml"), new SippRunner.CallOptions { RtpEcho = true, CallLength = TimeSpan.FromSeconds(2) });
        await using var bed = await CallTestBed.StartAsync(customize: json =>
            json["Cti"]!.AsObject()["Trunks"] = new JsonObject { ["demo-carrier"] = new JsonObject { ["Peers"] = new JsonArray(carrier.Target), ["OptionsInterval"] = "00:00:00" } });
        await using var agent = await bed.StartAgentAsync("1001");
        await bed.LoginAsync("1001");

        // Answered: the carrier answers numbers ending in 2 and hangs up after 2 s.
        await agent.DialAsync($"sip:13812345672@127.0.0.1:{bed.Host.SipPort}");
        await bed.WaitUntilAsync(
            () => Task.FromResult(agent.Events.Any(e => e.Type == BaresipAgent.EventTypes.CallEstablished)),
            Wait,
            "the agent's call established\n" + agent.Output);
        await bed.WaitUntilAsync(async () => (string?)(await bed.AgentStateAsync("1001"))["work"] == "on_call_outbound", Wait, "1001 busy on its own call");
        var answered = Assert.Single(await bed.WaitForCdrsAsync(1))!;
        Assert.Equal("outbound", (string?)answered["direction"]);
        Assert.Equal("answered", (string?)answered["disposition"]);
        Assert.Equal("1001", (string?)answered["agent"]);
        Assert.Equal("+8613812345672", (string?)answered["to"]);
        Assert.Equal("100", (string?)answered["from"]);
        Assert.Equal("callee", (string?)answered["hungUpBy"]);
        Assert.Null((string?)answered["campaign"]);

        // Busy: the agent's phone gets the carrier's 486 and the CDR says busy.
        var mark = agent.EventCount;
        await agent.DialAsync($"sip:13812345671@127.0.0.1:{bed.Host.SipPort}");
        await agent.WaitForEventAsync(BaresipAgent.EventTypes.CallClosed, Wait, after: mark);
        var cdrs = await bed.WaitForCdrsAsync(2);
        var busy = cdrs.Single(c => (string?)c!["to"] == "+8613812345671")!;
        Assert.Equal("busy", (string?)busy["disposition"]);
        Assert.Equal(486, (int?)busy["sipCode"]);
        Assert.Equal("1001", (string?)busy["agent"]);
        await bed.WaitUntilAsync(async () => (string?)(await bed.AgentStateAsync("1001"))["work"] is "idle" or "wrap_up", Wait, "1001 free again");
    }
}
