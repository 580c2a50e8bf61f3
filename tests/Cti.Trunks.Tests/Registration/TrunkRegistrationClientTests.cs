using Cti.Trunks.Registration;
using Cti.Sip.Auth;
using Cti.Sip.Messages;
using Microsoft.Extensions.Time.Testing;

namespace Cti.Trunks.Tests.Registration;

public sealed class TrunkRegistrationClientTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly DigestAuthenticator _carrier;

    public TrunkRegistrationClientTests()
    {
        _carrier = new DigestAuthenticator(new DigestAuthOptions { Realm = "carrier.example" }, _time);
    }

    private static string? Ha1Of(string user, DigestAlgorithm algorithm) =>
        user == TrunkRegistrationTestConfig.User ? Ha1.Compute(user, "carrier.example", TrunkRegistrationTestConfig.Password, algorithm) : null;

    /// <summary>A registrar like a carrier's: challenges anything without valid credentials, grants 120 s.</summary>
    private SipResponse Registrar(SipRequest request)
    {
        var result = _carrier.Verify(request.Method, request.Headers.Get(SipHeaderNames.Authorization), Ha1Of, request.RequestUri.ToString(), out _);
        if (result != DigestVerificationResult.Ok)
        {
            var challenge = SipResponseFactory.Create(request, 401, null, "reg");
            foreach (var value in _carrier.CreateChallenges(result == DigestVerificationResult.StaleNonce))
            {
                challenge.Headers.Add(SipHeaderNames.WwwAuthenticate, value);
            }

            return challenge;
        }

        return ScriptedTrunkSignalling.Ok(request, 120);
    }

    [Fact]
    public async Task RegisterAsync_Challenged_AnswersOnceAndHonoursGrantedContactExpires()
    {
        var signalling = new ScriptedTrunkSignalling(_time, Registrar);
        var client = new TrunkRegistrationClient(TrunkRegistrationTestConfig.Config("127.0.0.1:5090"), signalling);

        var result = await client.RegisterAsync(CancellationToken.None);

        Assert.Equal(TrunkRegistrationOutcomes.Registered, result.Outcome);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(120), result.Granted);
        Assert.Equal(2, signalling.All.Count);
        var (first, second) = (signalling.All[0].Request, signalling.All[1].Request);
        Assert.Null(first.Headers.Get(SipHeaderNames.Authorization));
        Assert.Contains("algorithm=SHA-256", second.Headers.Get(SipHeaderNames.Authorization), StringComparison.Ordinal);
        Assert.Equal("sip:carrier.example", second.RequestUri.ToString());
        Assert.Equal("sip:cti-trunk@carrier.example", second.To!.Uri.ToString());
        Assert.Equal("sip:cti-trunk@carrier.example", second.From!.Uri.ToString());
        Assert.Equal("<sip:cti-trunk@127.0.0.1:5080>", second.Headers.Get(SipHeaderNames.Contact));
        Assert.Equal(300u, second.Expires);
        Assert.Equal(first.CallId, second.CallId);
        Assert.Equal(first.From!.Tag, second.From.Tag);
        Assert.Equal([1L, 2L], signalling.All.Select(s => (long)s.Request.CSeq!.Number));
        Assert.Equal(ScriptedTrunkSignalling.Listener, signalling.All[1].Destination.Local);
        Assert.Equal(5090, signalling.All[1].Destination.Remote.Port);
    }

    [Fact]
    public async Task RegisterAsync_Refresh_SendsCredentialsUpFrontWithNextNonceCount()
    {
        var signalling = new ScriptedTrunkSignalling(_time, Registrar);
        var client = new TrunkRegistrationClient(TrunkRegistrationTestConfig.Config(), signalling);
        await client.RegisterAsync(CancellationToken.None);

        var refresh = await client.RegisterAsync(CancellationToken.None);

        Assert.Equal(TrunkRegistrationOutcomes.Registered, refresh.Outcome);
        Assert.Equal(3, signalling.All.Count);
        Assert.Contains("nc=00000002", signalling.All[2].Request.Headers.Get(SipHeaderNames.Authorization), StringComparison.Ordinal);
        Assert.Equal(3u, signalling.All[2].Request.CSeq!.Number);
    }

    [Fact]
    public async Task RegisterAsync_WrongPassword_AuthFailedAfterOneAnswer()
    {
        var signalling = new ScriptedTrunkSignalling(_time, Registrar);
        var trunk = TrunkRegistrationTestConfig.Config() with { Password = "not-the-password" };
        var client = new TrunkRegistrationClient(trunk, signalling);

        var result = await client.RegisterAsync(CancellationToken.None);

        Assert.Equal(TrunkRegistrationOutcomes.AuthFailed, result.Outcome);
        Assert.Equal(401, result.StatusCode);
        Assert.Equal(2, signalling.All.Count);
    }

    [Fact]
    public async Task RegisterAsync_NonceExpiredBeforeRefresh_AnswersStaleChallenge()
    {
        var signalling = new ScriptedTrunkSignalling(_time, Registrar);
        var client = new TrunkRegistrationClient(TrunkRegistrationTestConfig.Config(), signalling);
        await client.RegisterAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(10));

        var refresh = await client.RegisterAsync(CancellationToken.None);

        Assert.Equal(TrunkRegistrationOutcomes.Registered, refresh.Outcome);
        Assert.Equal(4, signalling.All.Count);
        Assert.Contains("nc=00000001", signalling.All[3].Request.Headers.Get(SipHeaderNames.Authorization), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterAsync_ProxyChallenge_AnsweredInProxyAuthorization()
    {
        var signalling = new ScriptedTrunkSignalling(_time, request =>
        {
            if (request.Headers.Get(SipHeaderNames.ProxyAuthorization) is { } credentials &&
                _carrier.Verify(request.Method, credentials, Ha1Of) == DigestVerificationResult.Ok)
            {
                return ScriptedTrunkSignalling.Ok(request);
            }

            var challenge = SipResponseFactory.Create(request, 407, null, "reg");
            challenge.Headers.Add(SipHeaderNames.ProxyAuthenticate, _carrier.CreateChallenges()[1]);
            return challenge;
        });
        var client = new TrunkRegistrationClient(TrunkRegistrationTestConfig.Config(), signalling);

        var result = await client.RegisterAsync(CancellationToken.None);

        Assert.Equal(TrunkRegistrationOutcomes.Registered, result.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(300), result.Granted);
        Assert.Null(signalling.All[1].Request.Headers.Get(SipHeaderNames.Authorization));
    }

    [Fact]
    public async Task RegisterAsync_IntervalTooBrief_ResendsWithMinExpiresAndKeepsIt()
    {
        var signalling = new ScriptedTrunkSignalling(_time, request =>
        {
            if (request.Expires < 1800)
            {
                var tooBrief = SipResponseFactory.Create(request, 423, null, "reg");
                tooBrief.Headers.Add(SipHeaderNames.MinExpires, "1800");
                return tooBrief;
            }

            return ScriptedTrunkSignalling.Ok(request);
        });
        var client = new TrunkRegistrationClient(TrunkRegistrationTestConfig.Config(), signalling);

        var result = await client.RegisterAsync(CancellationToken.None);

        Assert.Equal(TrunkRegistrationOutcomes.Registered, result.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(1800), result.Granted);
        Assert.Equal([300u, 1800u], signalling.All.Select(s => s.Request.Expires!.Value));
        Assert.Equal(1800, client.RequestedExpires);
    }

    [Fact]
    public async Task RegisterAsync_GrantedByExpiresHeaderOnly_UsesIt()
    {
        var signalling = new ScriptedTrunkSignalling(_time, request =>
        {
            var ok = SipResponseFactory.Create(request, 200, null, "reg");
            ok.Headers.Add(SipHeaderNames.Expires, "90");
            return ok;
        });
        var client = new TrunkRegistrationClient(TrunkRegistrationTestConfig.Config(), signalling);

        var result = await client.RegisterAsync(CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(90), result.Granted);
    }

    [Fact]
    public async Task RegisterAsync_Timeout_NextTryGoesToTheNextPeer()
    {
        var signalling = new ScriptedTrunkSignalling(_time, request => SipResponseFactory.Create(request, 408, null, "reg"));
        var client = new TrunkRegistrationClient(TrunkRegistrationTestConfig.Config("127.0.0.1:5090", "127.0.0.2:5091"), signalling);

        var first = await client.RegisterAsync(CancellationToken.None);
        var second = await client.RegisterAsync(CancellationToken.None);
        var third = await client.RegisterAsync(CancellationToken.None);

        Assert.Equal(TrunkRegistrationOutcomes.Timeout, first.Outcome);
        Assert.True(first.IsTransient);
        Assert.Equal([5090, 5091, 5090], signalling.All.Select(s => s.Destination.Remote.Port));
        Assert.Equal(5091, second.Peer!.Remote.Port);
        Assert.Equal(5090, third.Peer!.Remote.Port);
    }

    [Fact]
    public async Task RegisterAsync_Forbidden_RejectedAndNotTransient()
    {
        var signalling = new ScriptedTrunkSignalling(_time, request => SipResponseFactory.Create(request, 403, null, "reg"));
        var client = new TrunkRegistrationClient(TrunkRegistrationTestConfig.Config("127.0.0.1:5090", "127.0.0.2:5091"), signalling);

        var result = await client.RegisterAsync(CancellationToken.None);

        Assert.Equal(TrunkRegistrationOutcomes.Rejected, result.Outcome);
        Assert.False(result.IsTransient);
        Assert.Equal(5090, client.CurrentPeer.Remote.Port);
    }

    [Fact]
    public async Task UnregisterAsync_AfterRegistration_ExpiresZeroWithCredentials()
    {
        var signalling = new ScriptedTrunkSignalling(_time, Registrar);
        var client = new TrunkRegistrationClient(TrunkRegistrationTestConfig.Config(), signalling);
        await client.RegisterAsync(CancellationToken.None);

        var result = await client.UnregisterAsync(CancellationToken.None);

        Assert.Equal(TrunkRegistrationOutcomes.Unregistered, result.Outcome);
        var last = signalling.All[^1].Request;
        Assert.Equal(0u, last.Expires);
        Assert.NotNull(last.Headers.Get(SipHeaderNames.Authorization));
        Assert.Equal(signalling.All[0].Request.CallId, last.CallId);
    }

    [Fact]
    public void ToString_Config_DoesNotShowThePassword()
    {
        var text = TrunkRegistrationTestConfig.Config().ToString();

        Assert.DoesNotContain(TrunkRegistrationTestConfig.Password, text, StringComparison.Ordinal);
        Assert.Contains(TrunkRegistrationTestConfig.User, text, StringComparison.Ordinal);
    }
}
