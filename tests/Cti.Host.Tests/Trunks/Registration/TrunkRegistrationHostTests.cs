using System.Net.Http;
using System.Text.Json;
using Cti.Host.Tests.Api;
using Cti.Sip.Auth;
using Cti.Sip.Messages;

namespace Cti.Host.Tests.Trunks.Registration;

/// <summary>The whole service registering a trunk with a UDP registrar on loopback, seen through the trunks API.</summary>
public sealed class TrunkRegistrationHostTests
{
    private const string User = "cti-trunk";
    private const string Password = "carrier-secret-9";

    private uint _lastCSeq;

    [Fact]
    public async Task Host_TrunkWithRegistration_RegistersShowsInApiAndUnregistersAtStop()
    {
        await using var registrar = new UdpTestRegistrar(User, Password);
        var trunkPort = FreePorts.Next();
        var host = await TestHost.StartAsync(
            null,
            "--Cti:Sip:Profiles:trunks:Address=127.0.0.1",
            $"--Cti:Sip:Profiles:trunks:Port={trunkPort}",
            "--Cti:Sip:Profiles:trunks:Transports:0=udp",
            "--Cti:Trunks:0:Name=reg-carrier",
            "--Cti:Trunks:0:Profile=trunks",
            $"--Cti:Trunks:0:Peers:0=127.0.0.1:{registrar.Port}",
            "--Cti:Trunks:0:AllowFrom:0=127.0.0.1/32",
            "--Cti:Trunks:0:Dids:100=support",
            "--Cti:Trunks:0:OptionsInterval=00:00:00",
            $"--Cti:Trunks:0:Registration:User={User}",
            $"--Cti:Trunks:0:Registration:Password={Password}",
            "--Cti:Trunks:0:Registration:Expires=120",
            $"--Cti:Trunks:0:Registration:Domain={UdpTestRegistrar.Realm}");
        try
        {
            var challenged = await NextRegisterAsync(registrar);
            var accepted = await NextRegisterAsync(registrar);
            Assert.Equal(DigestVerificationResult.NoCredentials, challenged.Result);
            Assert.Equal(DigestVerificationResult.Ok, accepted.Result);
            Assert.Equal($"<sip:{User}@127.0.0.1:{trunkPort}>", accepted.Request.Headers.Get(SipHeaderNames.Contact));
            Assert.Equal($"127.0.0.1:{trunkPort}", $"{accepted.Request.TopVia!.Host}:{accepted.Request.TopVia.Port}");

            using var api = host.CreateClient();
            var registration = await WaitForRegistrationAsync(api, "registered");
            Assert.Equal(200, registration.GetProperty("lastStatusCode").GetInt32());
            Assert.Equal(User, registration.GetProperty("user").GetString());
            Assert.True(registration.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddSeconds(100));
            var metrics = await api.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            Assert.Contains("cti_trunk_registration_state{trunk=\"reg-carrier\"} 1", metrics, StringComparison.Ordinal);
            Assert.Contains("cti_trunk_registrations_total{trunk=\"reg-carrier\",outcome=\"registered\"} 1", metrics, StringComparison.Ordinal);
        }
        finally
        {
            await host.DisposeAsync();
        }

        var unregister = await NextRegisterAsync(registrar);
        Assert.Equal(0u, unregister.Request.Expires);
        Assert.Equal(DigestVerificationResult.Ok, unregister.Result);
    }

    /// <summary>The next REGISTER with a new CSeq: UDP retransmissions on a busy machine are skipped.</summary>
    private async Task<(SipRequest Request, DigestVerificationResult Result)> NextRegisterAsync(UdpTestRegistrar registrar)
    {
        while (true)
        {
            var next = await registrar.Registers.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));
            if (next.Request.CSeq!.Number != _lastCSeq)
            {
                _lastCSeq = next.Request.CSeq.Number;
                return next;
            }
        }
    }

    private static async Task<JsonElement> WaitForRegistrationAsync(HttpClient api, string state)
    {
        JsonElement registration = default;
        for (var i = 0; i < 100; i++)
        {
            using var document = JsonDocument.Parse(await api.GetStringAsync(new Uri("/api/v1/trunks/reg-carrier", UriKind.Relative)));
            registration = document.RootElement.GetProperty("registration").Clone();
            if (registration.GetProperty("state").GetString() == state)
            {
                return registration;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"registration never became {state}: {registration}");
        return registration;
    }
}
