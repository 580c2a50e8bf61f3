using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cti.Interop.Tests.Calls;
using Cti.Interop.Tests.Infrastructure;

namespace Cti.Interop.Tests.Softphones;

/// <summary>
/// Real softphones (baresip, Linphone) over UDP and TCP against the service as shipped (only ports changed): each
/// registers as an agent, takes a queue call from a SIPp carrier with audio both ways, hangs up or is hung up on,
/// and places its own call out through the trunk.
/// </summary>
public sealed class SoftphoneMatrixTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    public static TheoryData<string, string> Rows => new()
    {
        { "baresip", "udp" },
        { "baresip", "tcp" },
        { "linphone", "udp" },
        { "linphone", "tcp" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task QueueCall_AudioBothWays_CarrierHangsUp(string phone, string transport)
    {
        await using var bed = await CallTestBed.StartAsync();
        await using var agent = await StartRegisteredAsync(bed, phone, transport, "1001");
        await bed.LoginAsync("1001");

        var carrier = await CallDid100Async(bed, "carrier-call.xml", TimeSpan.FromSeconds(4));

        Assert.True(carrier.ExitCode == 0 && carrier.Successful == 1, carrier + "\n" + agent.Output + "\n" + bed.Host.Output);
        var cdr = Assert.Single(await bed.WaitForCdrsAsync(1))!.AsObject();
        Assert.Equal("answered", (string?)cdr["disposition"]);
        Assert.Equal("1001", (string?)cdr["agent"]);
        Assert.Equal("caller", (string?)cdr["hungUpBy"]);
        await AssertAudioBothWaysAsync(bed, cdr);
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task QueueCall_AudioBothWays_PhoneHangsUp(string phone, string transport)
    {
        await using var bed = await CallTestBed.StartAsync();
        await using var agent = await StartRegisteredAsync(bed, phone, transport, "1001");
        await bed.LoginAsync("1001");

        var carrierTask = CallDid100Async(bed, "carrier-call-await-bye.xml");
        await agent.WaitConnectedAsync(Wait);
        // Talk until the relay has carried audio both ways, then hang up from the phone.
        await bed.WaitUntilAsync(
            async () => await bed.MetricAsync("cti_rtp_packets_relayed_total{direction=\"to_caller\"}") > 50
                        && await bed.MetricAsync("cti_rtp_packets_relayed_total{direction=\"to_callee\"}") > 50,
            Wait,
            "RTP relayed both ways\n" + agent.Output);
        await agent.HangUpAsync();
        var carrier = await carrierTask;

        Assert.True(carrier.ExitCode == 0 && carrier.Successful == 1, carrier + "\n" + agent.Output + "\n" + bed.Host.Output);
        var cdr = Assert.Single(await bed.WaitForCdrsAsync(1))!.AsObject();
        Assert.Equal("answered", (string?)cdr["disposition"]);
        Assert.Equal("agent", (string?)cdr["hungUpBy"]);
        await AssertAudioBothWaysAsync(bed, cdr);
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task PhoneCallsOutThroughTheTrunk_CdrOutboundWithTheAgent(string phone, string transport)
    {
        await using var callee = await SippRunner.StartServerAsync(
            RepoPaths.Scenario("carrier-callee-mixed.xml"), new SippRunner.CallOptions { RtpEcho = true, CallLength = TimeSpan.FromSeconds(2) });
        await using var bed = await CallTestBed.StartAsync(customize: json =>
            json["Cti"]!.AsObject()["Trunks"] = new JsonObject { ["demo-carrier"] = new JsonObject { ["Peers"] = new JsonArray(callee.Target), ["OptionsInterval"] = "00:00:00" } });
        await using var agent = await StartRegisteredAsync(bed, phone, transport, "1001");
        await bed.LoginAsync("1001");

        await agent.DialAsync($"sip:13812345672@127.0.0.1:{bed.Host.SipPort};transport={transport}");
        await agent.WaitConnectedAsync(Wait);

        var cdr = Assert.Single(await bed.WaitForCdrsAsync(1))!;
        Assert.Equal("outbound", (string?)cdr["direction"]);
        Assert.Equal("answered", (string?)cdr["disposition"]);
        Assert.Equal("1001", (string?)cdr["agent"]);
        Assert.Equal("+8613812345672", (string?)cdr["to"]);
        Assert.Equal("callee", (string?)cdr["hungUpBy"]);
    }

    internal static async Task<Softphone> StartRegisteredAsync(CallTestBed bed, string phone, string transport, string extension)
    {
        var password = CtiHostProcess.Agents.First(a => a.Extension == extension).Password;
        var agent = Softphone.Start(phone, transport, extension, password, bed.Host.SipPort);
        try
        {
            await bed.WaitUntilAsync(
                async () => (await bed.Api.GetFromJsonAsync<JsonArray>("/api/v1/registrations"))!
                    .Any(r => (string?)r!["extension"] == extension
                              && r["contacts"]!.AsArray().Any(c => string.Equals((string?)c!["transport"], transport, StringComparison.OrdinalIgnoreCase))),
                Wait,
                $"{phone} {extension} registered over {transport}\n{agent.Output}");
        }
        catch
        {
            await agent.DisposeAsync();
            throw;
        }

        return agent;
    }

    internal static Task<SippRunner.Result> CallDid100Async(CallTestBed bed, string scenario, TimeSpan? callLength = null) =>
        SippRunner.RunAsync(
            RepoPaths.Scenario(scenario), $"127.0.0.1:{bed.Host.TrunkPort}", calls: 1, rate: 1,
            timeout: TimeSpan.FromSeconds(40), call: new SippRunner.CallOptions { Service = "100", CallLength = callLength });

    /// <summary>The caller's pcap in the recording's left channel, the phone's tone in the right; RTP relayed both ways.</summary>
    internal static async Task AssertAudioBothWaysAsync(CallTestBed bed, JsonObject cdr)
    {
        var recording = (string?)cdr["recordingPath"];
        Assert.True(recording is not null && File.Exists(recording), cdr.ToJsonString());
        var (left, right) = StereoWav.ChannelEnergy(recording!);
        Assert.True(left > 1e6, $"caller channel energy {left}");
        Assert.True(right > 1e6, $"agent channel energy {right}");
        Assert.True(await bed.MetricAsync("cti_rtp_packets_relayed_total{direction=\"to_callee\"}") > 50);
        Assert.True(await bed.MetricAsync("cti_rtp_packets_relayed_total{direction=\"to_caller\"}") > 50);
    }
}
