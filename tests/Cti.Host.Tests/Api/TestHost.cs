using System.Net.Http;
using Microsoft.AspNetCore.Builder;

namespace Cti.Host.Tests.Api;

/// <summary>The real service started in-process on free loopback ports with its own data folder.</summary>
internal sealed class TestHost : IAsyncDisposable
{
    public const string ApiKey = "test-key-123";

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
                $"--Cti:Api:Keys:0:Key={ApiKey}",
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
