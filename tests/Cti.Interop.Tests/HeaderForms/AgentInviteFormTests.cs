using System.Text.Json.Nodes;
using Cti.Interop.Tests.Calls;
using Cti.Interop.Tests.Infrastructure;

namespace Cti.Interop.Tests.HeaderForms;

/// <summary>
/// An agent's own call (an INVITE from its phone) with the From address in the forms phones use, sent by SIPp over
/// UDP and TCP: the service must challenge it, accept SIPp's digest answer, take the agent from it and place the
/// call through the trunk (SIPp as the carrier, busy for numbers ending in 1), whose 486 comes back to the phone.
/// </summary>
public sealed class AgentInviteFormTests
{
    private const string Number = "13812345671";

    /// <summary>
    /// From address (the tag follows as a header parameter), From and To header names, SIPp transport. No ';' in an
    /// address: it separates the fields of the SIPp injection file.
    /// </summary>
    private static readonly (string From, string FromName, string ToName, string Transport)[] Forms =
    [
        ("sip:1001@127.0.0.1", "From", "To", "u1"),
        ("\"Agent 1001\" <sip:1001@127.0.0.1>", "From", "To", "u1"),
        ("Agent 1001 <sip:1001@127.0.0.1>", "f", "t", "u1"),
        ("sip:1001@127.0.0.1", "f", "t", "t1"),
        ("<sip:1001@127.0.0.1>", "From", "To", "t1"),
        ("\"Agent <1001>\" <sip:1001@127.0.0.1>", "From", "To", "t1"),
    ];

    [Fact]
    public async Task Sipp_AgentInviteFromForms_AuthenticatedAndPlacedAsTheAgentsCall()
    {
        await using var carrier = await SippRunner.StartServerAsync("carrier-callee-mixed.xml");
        await using var bed = await CallTestBed.StartAsync(customize: json =>
            json["Cti"]!.AsObject()["Trunks"] = new JsonObject { ["demo-carrier"] = new JsonObject { ["Peers"] = new JsonArray(carrier.Target), ["OptionsInterval"] = "00:00:00" } });

        foreach (var (from, fromName, toName, transport) in Forms)
        {
            var result = await SippRunner.RunAsync(
                "agent-invite-forms.xml",
                $"127.0.0.1:{bed.Host.SipPort}",
                calls: 1,
                rate: 1,
                injectionFile: SippRunner.WriteAccounts([("1001", "demo1001")], from, fromName, toName),
                transport: transport,
                timeout: TimeSpan.FromSeconds(20),
                call: new SippRunner.CallOptions { Service = Number });

            Assert.True(result.ExitCode == 0 && result.Successful == 1, $"From: {from} ({fromName}/{toName}, {transport}): {result}\nhost:\n{bed.Host.Output}");
        }

        // Every call went out as 1001's own: the carrier saw them all and each CDR names the agent.
        var cdrs = await bed.WaitForCdrsAsync(Forms.Length);
        Assert.Equal(Forms.Length, cdrs.Count);
        Assert.All(cdrs, c =>
        {
            Assert.Equal("1001", (string?)c!["agent"]);
            Assert.Equal("outbound", (string?)c["direction"]);
            Assert.Equal("busy", (string?)c["disposition"]);
        });
        var served = await carrier.SnapshotAsync();
        Assert.True(served.Successful == Forms.Length, "the carrier did not see every call\n" + served);
    }
}
