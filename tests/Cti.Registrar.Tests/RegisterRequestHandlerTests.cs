using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Cti.Platform.Metrics;
using Cti.Registrar;
using Cti.Platform.Security;
using Cti.Platform.Storage;
using Cti.Sip.Auth;
using Cti.Sip.Messages;
using Cti.Sip.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cti.Registrar.Tests;

public sealed partial class RegisterRequestHandlerTests : IAsyncLifetime
{
    private const string Realm = "cti.local";
    private static readonly SipEndPoint Phone = new(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Parse("192.0.2.10"), 5062));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly CtiMetrics _metrics = new();
    private readonly MemoryBindingStore _store = new();
    private readonly RegistrarEngine _engine;
    private readonly AuthFailureTracker _failures;
    private readonly RegisterRequestHandler _handler;
    private int _cseq;

    public RegisterRequestHandlerTests()
    {
        var options = new RegistrarOptions { Realm = Realm };
        _engine = new RegistrarEngine(new RegistrarState(options, _time), _store, _metrics, _time, NullLogger<RegistrarEngine>.Instance);
        _failures = new AuthFailureTracker(new BanOptions { MaxFailures = 3 }, _time);
        var agents = new AgentDirectory(
            [
                new AgentOptions { Extension = "1001", Password = "secret1001" },
                new AgentOptions { Extension = "1002", Password = "secret1002" },
            ],
            Realm);
        _handler = new RegisterRequestHandler(
            new DigestAuthenticator(new DigestAuthOptions { Realm = Realm }, _time),
            agents,
            _engine,
            _failures,
            _metrics,
            _time,
            NullLogger<RegisterRequestHandler>.Instance);
    }

    public Task InitializeAsync() => _engine.StartAsync(CancellationToken.None);

    public Task DisposeAsync() => _engine.StopAsync(CancellationToken.None);

    [Fact]
    public async Task HandleAsync_NoAuthorization_ChallengesMd5Alone()
    {
        var response = await _handler.HandleAsync(Request("1001"), Phone, CancellationToken.None);

        Assert.Equal(401, response.StatusCode);
        var challenge = Assert.Single(response.Headers.GetAll("WWW-Authenticate"));
        Assert.Contains("algorithm=MD5", challenge, StringComparison.Ordinal);
        Assert.NotNull(response.To?.Tag);
        Assert.Equal(0, _metrics.AuthFailures.Value);
    }

    [Fact]
    public async Task HandleAsync_ConfiguredAlgorithms_OnlyThoseInThatOrder()
    {
        var handler = NewHandler(DigestChallengePolicy.Site("SHA-256", "MD5"));

        var response = await handler.HandleAsync(Request("1001"), Phone, CancellationToken.None);

        var challenges = response.Headers.GetAll("WWW-Authenticate");
        Assert.Equal(2, challenges.Count);
        Assert.Contains("algorithm=SHA-256", challenges[0], StringComparison.Ordinal);
        Assert.Contains("algorithm=MD5", challenges[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_AgentWithOwnAlgorithms_ChallengedWithThoseOthersWithTheSites()
    {
        var handler = NewHandler(new DigestChallengePolicy(["MD5"], [new AgentOptions { Extension = "1002", DigestAlgorithms = { "SHA-256" } }]));

        var own = await handler.HandleAsync(Request("1002"), Phone, CancellationToken.None);
        var site = await handler.HandleAsync(Request("1001"), Phone, CancellationToken.None);

        Assert.Contains("algorithm=SHA-256", Assert.Single(own.Headers.GetAll("WWW-Authenticate")), StringComparison.Ordinal);
        Assert.Contains("algorithm=MD5", Assert.Single(site.Headers.GetAll("WWW-Authenticate")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_Sha256Agent_Md5AnswerRefusedSha256AnswerAccepted()
    {
        var handler = NewHandler(new DigestChallengePolicy(["MD5"], [new AgentOptions { Extension = "1002", DigestAlgorithms = { "SHA-256" } }]));

        var downgraded = await AnsweredAsync(handler, "1002", "secret1002", "MD5", Md5);
        var strong = await AnsweredAsync(handler, "1002", "secret1002", "SHA-256", Sha256);

        Assert.Equal(401, downgraded.StatusCode);
        Assert.Equal(1, _metrics.AuthFailures.Value);
        Assert.Equal(200, strong.StatusCode);
    }

    [Fact]
    public async Task HandleAsync_Md5Site_UnofferedSha256AnswerRefused()
    {
        var response = await AnsweredAsync(_handler, "1001", "secret1001", "SHA-256", Sha256);

        Assert.Equal(401, response.StatusCode);
    }

    private RegisterRequestHandler NewHandler(DigestChallengePolicy policy) => new(
        new DigestAuthenticator(new DigestAuthOptions { Realm = Realm }, _time),
        new AgentDirectory(
            [
                new AgentOptions { Extension = "1001", Password = "secret1001" },
                new AgentOptions { Extension = "1002", Password = "secret1002" },
            ],
            Realm),
        _engine,
        _failures,
        _metrics,
        _time,
        NullLogger<RegisterRequestHandler>.Instance,
        policy);

    /// <summary>Answers the handler's own challenge (whatever it offered) with the given algorithm.</summary>
    private async Task<SipResponse> AnsweredAsync(RegisterRequestHandler handler, string user, string password, string algorithm, Func<string, string> hash)
    {
        var challenge = await handler.HandleAsync(Request(user), Phone, CancellationToken.None);
        var first = challenge.Headers.GetAll("WWW-Authenticate")[0];
        var nonce = NonceRegex().Match(first).Groups[1].Value;
        const string uri = "sip:cti.local";
        var ha1 = hash($"{user}:{Realm}:{password}");
        var digest = hash($"{ha1}:{nonce}:00000001:c1:auth:{hash($"REGISTER:{uri}")}");
        var request = Request(user);
        request.Headers.Add(
            "Authorization",
            $"Digest username=\"{user}\", realm=\"{Realm}\", nonce=\"{nonce}\", uri=\"{uri}\", response=\"{digest}\", algorithm={algorithm}, cnonce=\"c1\", qop=auth, nc=00000001");
        return await handler.HandleAsync(request, Phone, CancellationToken.None);
    }

    [Fact]
    public async Task HandleAsync_RightPassword_BindsAndListsContactWithExpires()
    {
        var response = await AuthenticatedAsync("1001", "secret1001", contact: "<sip:1001@192.0.2.10:5062;transport=udp>;expires=300");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("<sip:1001@192.0.2.10:5062;transport=udp>;expires=300", Assert.Single(response.Headers.GetAll("Contact")));
        Assert.Equal(1, _metrics.BindingsActive.Value);
        Assert.Equal(1, _metrics.RegistrationsActive.Value);
        await _engine.FlushAsync(CancellationToken.None);
        var stored = Assert.Single(_store.Bindings["1001"]);
        Assert.Equal("udp", stored.SourceTransport);
        Assert.Equal("192.0.2.10:5062", stored.SourceAddress);
        Assert.Equal("Softphone/1.0", stored.UserAgent);
    }

    [Fact]
    public async Task HandleAsync_UnknownUserAndWrongPassword_SameAnswerAndBothCounted()
    {
        var unknown = await AuthenticatedAsync("9999", "whatever");
        var wrong = await AuthenticatedAsync("1001", "wrong");

        Assert.Equal(401, unknown.StatusCode);
        Assert.Equal(401, wrong.StatusCode);
        Assert.Equal(unknown.ReasonPhrase, wrong.ReasonPhrase);
        Assert.Equal(unknown.Headers.GetAll("WWW-Authenticate").Count, wrong.Headers.GetAll("WWW-Authenticate").Count);
        Assert.Equal(2, _metrics.AuthFailures.Value);
        Assert.Empty(_store.Bindings);
    }

    [Fact]
    public async Task HandleAsync_RepeatedFailures_BansSourceAndCountsBan()
    {
        for (var i = 0; i < 3; i++)
        {
            await AuthenticatedAsync("1001", "wrong");
        }

        Assert.True(_failures.IsBanned(Phone.Remote.Address));
        Assert.Equal(1, _metrics.Bans.Value);
    }

    [Fact]
    public async Task HandleAsync_ExpiresBelowMinimum_IntervalTooBriefWithMinExpires()
    {
        var response = await AuthenticatedAsync("1001", "secret1001", expires: "10");

        Assert.Equal(423, response.StatusCode);
        Assert.Equal("60", response.Headers.Get("Min-Expires"));
    }

    [Fact]
    public async Task HandleAsync_OtherExtensionsAor_Forbidden()
    {
        var response = await AuthenticatedAsync("1001", "secret1001", toUser: "1002");

        Assert.Equal(403, response.StatusCode);
        Assert.Empty(_store.Bindings);
    }

    [Fact]
    public async Task HandleAsync_QueryWithoutContact_ListsBindings()
    {
        await AuthenticatedAsync("1001", "secret1001", contact: "<sip:a@192.0.2.10>;q=0.5, <sip:b@192.0.2.10>");

        var query = await AuthenticatedAsync("1001", "secret1001", contact: null);

        Assert.Equal(200, query.StatusCode);
        Assert.Equal(["<sip:b@192.0.2.10>;expires=3600", "<sip:a@192.0.2.10>;expires=3600;q=0.5"], query.Headers.GetAll("Contact"));
    }

    [Fact]
    public async Task HandleAsync_WildcardWithExpiresZero_RemovesAll()
    {
        await AuthenticatedAsync("1001", "secret1001");

        var response = await AuthenticatedAsync("1001", "secret1001", contact: "*", expires: "0");

        Assert.Equal(200, response.StatusCode);
        Assert.Empty(response.Headers.GetAll("Contact"));
        Assert.Equal(0, _metrics.BindingsActive.Value);
    }

    [Theory]
    [InlineData("<sip:1001@h:5062;transport=tcp;ob>;expires=60;+sip.instance=\"<urn:uuid:1>\"", "sip:1001@h:5062;transport=tcp;ob")]
    [InlineData("\"A <b>\" <sip:x@h?Subject=a%20b>;q=1", "sip:x@h?Subject=a%20b")]
    [InlineData("sip:x@h;expires=5", "sip:x@h")]
    [InlineData("sip:x@h:5070;expires=300;+sip.instance=\"<urn:uuid:1>\"", "sip:x@h:5070")]
    [InlineData("\"A \\\"<q>\\\"\" <sip:x@h;line=1>;expires=300;+sip.instance=\"<urn:uuid:1>\"", "sip:x@h;line=1")]
    public void VerbatimUri_ContactForms_UriAsWritten(string contact, string expected) =>
        Assert.Equal(expected, RegisterRequestReader.VerbatimUri(contact));

    private async Task<SipResponse> AuthenticatedAsync(string user, string password, string? toUser = null, string? contact = "<sip:1001@192.0.2.10:5062>", string? expires = null)
    {
        var challenge = await _handler.HandleAsync(Request(toUser ?? user, contact, expires), Phone, CancellationToken.None);
        var md5 = challenge.Headers.GetAll("WWW-Authenticate").Single(c => c.Contains("algorithm=MD5", StringComparison.Ordinal));
        var nonce = NonceRegex().Match(md5).Groups[1].Value;
        var opaque = OpaqueRegex().Match(md5).Groups[1].Value;
        const string uri = "sip:cti.local";
        const string nc = "00000001";
        const string cnonce = "abc123";
        var ha1 = Md5($"{user}:{Realm}:{password}");
        var ha2 = Md5($"REGISTER:{uri}");
        var digest = Md5($"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}");
        var request = Request(toUser ?? user, contact, expires);
        request.Headers.Add(
            "Authorization",
            $"Digest username=\"{user}\", realm=\"{Realm}\", nonce=\"{nonce}\", uri=\"{uri}\", response=\"{digest}\", algorithm=MD5, cnonce=\"{cnonce}\", opaque=\"{opaque}\", qop=auth, nc={nc}");
        return await _handler.HandleAsync(request, Phone, CancellationToken.None);
    }

    private SipRequest Request(string user, string? contact = "<sip:1001@192.0.2.10:5062>", string? expires = null)
    {
        var request = new SipRequest("REGISTER", SipUri.Parse("sip:cti.local"));
        request.Headers.Add("Via", "SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK-" + Guid.NewGuid().ToString("N"));
        request.Headers.Add("From", $"<sip:{user}@cti.local>;tag=abc");
        request.Headers.Add("To", $"<sip:{user}@cti.local>");
        request.Headers.Add("Call-ID", "call-" + user);
        request.Headers.Add("CSeq", $"{++_cseq} REGISTER");
        if (contact is not null)
        {
            request.Headers.Add("Contact", contact);
        }

        if (expires is not null)
        {
            request.Headers.Add("Expires", expires);
        }

        request.Headers.Add("User-Agent", "Softphone/1.0");
        return request;
    }

#pragma warning disable CA5351 // SIP digest MD5 is what the phones send; the test plays a phone.
    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [GeneratedRegex("nonce=\"([^\"]+)\"")]
    private static partial Regex NonceRegex();

    [GeneratedRegex("opaque=\"([^\"]+)\"")]
    private static partial Regex OpaqueRegex();

    private sealed class MemoryBindingStore : IBindingStore
    {
        public Dictionary<string, IReadOnlyList<RegistrarBinding>> Bindings { get; } = [];

        public IReadOnlyList<RegistrarBinding> LoadAll() => Bindings.Values.SelectMany(b => b).ToArray();

        public void ReplaceAors(IReadOnlyList<(string Aor, IReadOnlyList<RegistrarBinding> Bindings)> changes)
        {
            foreach (var (aor, bindings) in changes)
            {
                if (bindings.Count == 0)
                {
                    Bindings.Remove(aor);
                }
                else
                {
                    Bindings[aor] = bindings;
                }
            }
        }
    }
}
