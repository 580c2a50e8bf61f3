using Cti.Host.Options;
using Cti.Platform.Hosting;
using Cti.Platform.Security;
using Cti.Registrar;

namespace Cti.Host.Tests.Options;

public sealed class CtiOptionsValidatorTests
{
    internal static Settings ValidOptions(string address = "127.0.0.1", string url = "http://127.0.0.1:8080")
    {
        var options = new Settings { Http = new HttpOptions { Url = url } };
        options.Sip.Profiles["agents"] = new SipProfileOptions { Address = address, Port = 5060 };
        options.Agents.Add(new AgentOptions { Extension = "1001", DisplayName = "Agent 1001", Password = "demo1001" });
        options.Agents.Add(new AgentOptions { Extension = "1002", Ha1Md5 = new string('a', 32) });
        options.Api.Keys.Add(new ApiKeyOptions { Name = "demo", Key = "dev-key-admin-0001", Roles = { "admin" } });
        return options;
    }

    [Fact]
    public void Validate_ShippedDefaultsOnLoopback_Succeeds()
    {
        var errors = Collect(ValidOptions());

        Assert.Empty(errors);
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEveryOne()
    {
        var options = ValidOptions();
        options.Agents.Add(new AgentOptions { Extension = "1001", Password = "x" });
        options.Agents.Add(new AgentOptions { Extension = "1003" });
        options.Sip.Profiles["trunks"] = new SipProfileOptions { Address = "127.0.0.1", Port = 70000 };
        options.Registrar.MinExpires = 600;
        options.Registrar.MaxExpires = 300;

        var errors = Collect(options);

        Assert.Contains(errors, e => e.Contains("'1001' is configured more than once", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("('1003') has neither Password nor Ha1Md5/Ha1Sha256", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Profiles:trunks:Port 70000", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("MinExpires 600 is greater than MaxExpires 300", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("DefaultExpires 3600 is outside", StringComparison.Ordinal));
        Assert.Equal(5, errors.Count);
    }

    [Fact]
    public void Validate_BadValues_ReportsEachField()
    {
        var options = ValidOptions();
        options.Http.Url = "not a url";
        options.Sip.Profiles["agents"].Address = "example.com";
        options.Sip.Profiles["agents"].Transports.Add("sctp");
        options.Sip.Timers.T2 = TimeSpan.FromMilliseconds(100);
        options.Agents.Add(new AgentOptions { Extension = "10 04", Ha1Sha256 = "xyz" });
        options.Api.Keys.Add(new ApiKeyOptions { Name = "demo", Key = "", Roles = { "admin" } });
        options.Registrar.ChallengeAlgorithms.Add("SHA-512-256");

        var errors = Collect(options);

        Assert.Contains(errors, e => e.StartsWith("Cti:Http:Url", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Address 'example.com' is not an IP address", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("unknown transport 'sctp'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("T2 must not be smaller than T1", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Extension '10 04' may contain only", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Ha1Sha256 must be 64 hexadecimal", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Keys:demo: the name is used more than once", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Keys:demo:Key must not be empty", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("unknown algorithm 'SHA-512-256'", StringComparison.Ordinal));
        // A host name is not loopback either, so the demo key and demo password are refused too.
        Assert.Equal(2, errors.Count(e => e.Contains("beyond loopback", StringComparison.Ordinal)));
        Assert.Equal(11, errors.Count);
    }

    [Fact]
    public void Validate_AgentDigestAlgorithms_UnknownOrWithoutHa1_Fail()
    {
        var options = ValidOptions();
        options.Agents.Add(new AgentOptions { Extension = "2001", Password = "p2001-long-enough", DigestAlgorithms = { "SHA-512" } });
        options.Agents.Add(new AgentOptions { Extension = "2002", Ha1Md5 = new string('a', 32), DigestAlgorithms = { "SHA-256" } });
        options.Agents.Add(new AgentOptions { Extension = "2003", Ha1Sha256 = new string('b', 64), DigestAlgorithms = { "sha-256" } });

        var errors = Collect(options);

        Assert.Contains(errors, e => e.Contains("DigestAlgorithms has unknown algorithm 'SHA-512'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("DigestAlgorithms names SHA-256 but the agent has no Password and no HA1 for it", StringComparison.Ordinal));
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void Validate_MissingAgentsProfile_Fails()
    {
        var options = ValidOptions();
        options.Sip.Profiles.Clear();

        var errors = Collect(options);

        Assert.Contains(errors, e => e.Contains("must contain the profile 'agents'", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_DemoKeyAndPasswordWithSipOnAllInterfaces_RefusesBoth()
    {
        var options = ValidOptions(address: "0.0.0.0");

        var errors = Collect(options);

        Assert.Contains(errors, e => e.Contains("Cti:Api:Keys:demo uses a demo key", StringComparison.Ordinal) && e.Contains("0.0.0.0", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'1001' uses a demo password", StringComparison.Ordinal));
        Assert.Equal(2, errors.Count);
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://*:8080")]
    [InlineData("http://192.168.1.10:8080")]
    public void Validate_DemoKeyWithHttpBeyondLoopback_Refuses(string url)
    {
        var options = ValidOptions(url: url);
        options.Agents.RemoveAt(0);

        var errors = Collect(options);

        Assert.Contains(errors, e => e.Contains("demo key", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_DemoPatternPasswordForOtherExtension_Refused()
    {
        var options = ValidOptions(address: "10.0.0.5");
        options.Api.Keys[0].Key = "a-real-secret-of-some-length";
        options.Agents[0].Password = "s3cret";
        options.Agents.Add(new AgentOptions { Extension = "2001", Password = "demo2001" });

        var errors = Collect(options);

        Assert.Equal(["'2001'"], errors.Select(e => e.Split(' ')[1]));
    }

    [Fact]
    public void Validate_RealSecretsBeyondLoopback_Succeeds()
    {
        var options = ValidOptions(address: "10.0.0.5", url: "http://0.0.0.0:8080");
        options.Api.Keys[0].Key = "a-real-secret-of-some-length";
        options.Agents[0].Password = "s3cret";

        Assert.Empty(Collect(options));
    }

    private static List<string> Collect(Settings options) =>
        CtiOptionsValidator.Collect(options.Platform, options.Http, options.Sip, options.Registrar, options.AgentsSection);

    /// <summary>The root settings of <c>Cti</c> as the features own them, gathered for one check.</summary>
    internal sealed class Settings
    {
        public PlatformOptions Platform { get; } = new();

        public HttpOptions Http { get; init; } = new();

        public SipOptions Sip { get; } = new();

        public RegistrarOptions Registrar { get; } = new();

        public AgentsOptions AgentsSection { get; } = new();

        public IList<AgentOptions> Agents => AgentsSection.Agents;

        public ApiOptions Api => Platform.Api;
    }
}
