using System.Net.Http;
using Microsoft.AspNetCore.Builder;

namespace Cti.Host.Tests.Api;

/// <summary>The real service started in-process on free loopback ports with its own data folder.</summary>
internal sealed class TestHost : IAsyncDisposable
{
    /// <summary>The admin key most tests use.</summary>
    public const string ApiKey = AdminKey;

    public const string AdminKey = "test-admin-key-0001";

    /// <summary>A supervisor of team <c>blue</c> (agents 1001 and 1002; 1003–1005 are <c>green</c>).</summary>
    public const string SupervisorKey = "test-supervisor-blue";

    /// <summary>The key of agent 1001.</summary>
    public const string AgentKey = "test-agent-1001-key";

    public const string QcKey = "test-qc-key-000001";

    public const string IntegratorKey = "test-integrator-key1";

    private TestHost(WebApplication app, string dataDirectory, int httpPort, int sipPort)
    {
        App = app;
        DataDirectory = dataDirectory;
        HttpPort = httpPort;
        SipPort = sipPort;
    }

    public WebApplication App { get; }

    public string DataDirectory { get; }

    public int HttpPort { get; }

    public int SipPort { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort}");

    /// <summary>
    /// The demo agents (keyed by extension) and the queue, trunk, routing agents and campaign in the deprecated array
    /// form, which the tests' command-line overlays (<c>--Cti:Trunks:0:...</c>) index into; the service reads it for
    /// one more release.
    /// </summary>
    public static string ArrayFormDemo { get; } = Path.Combine(AppContext.BaseDirectory, "Api", "array-form-demo.json");

    public static async Task<TestHost> StartAsync(string? dataDirectory = null, params string[] extraArgs)
    {
        dataDirectory ??= Directory.CreateTempSubdirectory("cti-host-").FullName;

        // A port found free can be taken by a parallel test before the host binds it: pick new ones and retry.
        for (var attempt = 1; ; attempt++)
        {
            var httpPort = FreePorts.Next();
            var sipPort = FreePorts.Next();
            var trunkPort = FreePorts.Next();
            string[] args =
            [
                // Production whatever the machine sets: the demo comes from the file above, not appsettings.Development.json.
                "--environment=Production",
                "--config", ArrayFormDemo,
                $"--Cti:DataDirectory={dataDirectory}",
                $"--Cti:Http:Url=http://127.0.0.1:{httpPort}",
                $"--Cti:Sip:Profiles:agents:Address=127.0.0.1",
                $"--Cti:Sip:Profiles:agents:Port={sipPort}",
                $"--Cti:Sip:Profiles:trunks:Port={trunkPort}",
                $"--Cti:Api:Keys:test-admin:Key={AdminKey}",
                "--Cti:Api:Keys:test-admin:Roles:0=admin",
                $"--Cti:Api:Keys:test-supervisor:Key={SupervisorKey}",
                "--Cti:Api:Keys:test-supervisor:Roles:0=supervisor",
                "--Cti:Api:Keys:test-supervisor:Teams:0=blue",
                $"--Cti:Api:Keys:test-agent:Key={AgentKey}",
                "--Cti:Api:Keys:test-agent:Roles:0=agent",
                "--Cti:Api:Keys:test-agent:Agent=1001",
                $"--Cti:Api:Keys:test-qc:Key={QcKey}",
                "--Cti:Api:Keys:test-qc:Roles:0=qc",
                $"--Cti:Api:Keys:test-integrator:Key={IntegratorKey}",
                "--Cti:Api:Keys:test-integrator:Roles:0=integrator",
                "--Logging:LogLevel:Default=Warning",
                .. extraArgs,
            ];
            var app = CtiApplication.Build(args);
            try
            {
                await app.StartAsync();
                return new TestHost(app, dataDirectory, httpPort, sipPort);
            }
            catch (Exception ex) when (attempt < 5 && IsAddressInUse(ex))
            {
                await app.DisposeAsync();
            }
            catch
            {
                await app.DisposeAsync();
                throw;
            }
        }
    }

    private static bool IsAddressInUse(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse } ||
                exception.GetType().Name == "AddressInUseException")
            {
                return true;
            }
        }

        return false;
    }

    public HttpClient CreateClient(string? apiKey = ApiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
