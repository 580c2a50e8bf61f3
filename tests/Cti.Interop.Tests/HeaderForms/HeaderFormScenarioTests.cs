using Cti.Interop.Tests.Infrastructure;
using Cti.Interop.Tests.Registrar;

namespace Cti.Interop.Tests.HeaderForms;

/// <summary>
/// REGISTERs with To, From and Contact written the ways phones write them, sent by SIPp over UDP and TCP to the
/// running service: each must be challenged, accepted after SIPp's digest answer (its own fixed spelling: quoted
/// strings, no space after the commas) and leave the binding the Contact asked for.
/// </summary>
public sealed class HeaderFormScenarioTests(CtiHostFixture fixture) : IClassFixture<CtiHostFixture>
{
    /// <summary>Scenario → the user it registers and the binding it must leave ({0}: local port, {1}: SIPp's transport token).</summary>
    private static readonly Dictionary<string, (string User, string Binding)> Forms = new()
    {
        // addr-spec: ;expires and ;+sip.instance after a bare URI are Contact parameters, not URI parameters.
        ["register-forms-addr-spec.xml"] = ("1001", "sip:1001@127.0.0.1:{0}"),
        ["register-forms-name-addr.xml"] = ("1002", "sip:1002@127.0.0.1:{0};transport={1};line=ab12cd"),
        ["register-forms-compact.xml"] = ("1004", "sip:1004@127.0.0.1:{0}"),
        ["register-digest.xml"] = ("1005", "sip:1005@127.0.0.1:{0};transport={1}"),
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var scenario in Forms.Keys)
        {
            data.Add(scenario, "u1");
            data.Add(scenario, "t1");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Sipp_RegisterForm_200AndTheBindingAsWritten(string scenario, string transport)
    {
        var (user, binding) = Forms[scenario];
        var password = CtiHostProcess.Agents.Single(a => a.Extension == user).Password;
        var localPort = LoopbackPorts.Next();

        var result = await SippRunner.RunAsync(
            scenario,
            $"127.0.0.1:{fixture.Host.SipPort}",
            calls: 1,
            rate: 1,
            injectionFile: SippRunner.WriteAccounts([(user, password)]),
            transport: transport,
            timeout: TimeSpan.FromSeconds(20),
            call: new SippRunner.CallOptions { LocalPort = localPort });

        Assert.True(result.ExitCode == 0 && result.Successful == 1 && result.Failed == 0, $"{scenario} over {transport}: {result}");
        var expected = string.Format(System.Globalization.CultureInfo.InvariantCulture, binding, localPort, transport == "u1" ? "UDP" : "TCP");
        using var api = fixture.Host.CreateApiClient();
        var registered = await RegistrarInteropTests.RegisteredExtensionsAsync(api);
        Assert.True(
            registered.TryGetValue(user, out var contacts) && contacts.Contains(expected),
            $"{expected} not among {user}'s bindings: {string.Join(", ", contacts ?? [])}");
    }
}
