using System.Security.Cryptography;
using System.Text;
using Cti.Sip.Auth;
using Microsoft.Extensions.Time.Testing;

namespace Cti.Sip.Tests.Auth;

public sealed class DigestClientTests
{
    private const string Uri = "sip:cti.test";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly DigestAuthenticator _server;

    public DigestClientTests()
    {
        _server = new DigestAuthenticator(new DigestAuthOptions { Realm = "cti.test" }, _time);
    }

    private static string? Lookup(string user, DigestAlgorithm algorithm) =>
        user == "trunk1" ? Ha1.Compute("trunk1", "cti.test", "s3cret", algorithm) : null;

    [Fact]
    public void Create_Rfc2617Section35Example_ProducesTheDocumentedResponse()
    {
        var parsed = DigestServerChallenge.TryParse(
            "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"",
            isProxy: false,
            out var challenge);

        Assert.True(parsed);
        var header = DigestAuthorization.Create(challenge!, "Mufasa", "Circle Of Life", "GET", "/dir/index.html", "0a4f113b", 1);

        Assert.Contains("response=\"6629fae49393a05397450978507c4ef1\"", header, StringComparison.Ordinal);
        Assert.Contains("nc=00000001", header, StringComparison.Ordinal);
        Assert.Contains("qop=auth,", header, StringComparison.Ordinal);
        Assert.Contains("cnonce=\"0a4f113b\"", header, StringComparison.Ordinal);
        Assert.Contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"", header, StringComparison.Ordinal);
        Assert.True(DigestCredentials.TryParse(header, out var credentials));
        Assert.Equal("Mufasa", credentials.Username);
        Assert.Equal("/dir/index.html", credentials.Uri);
    }

    [Fact]
    public void TryParse_FullChallenge_ReadsEveryParameter()
    {
        var parsed = DigestServerChallenge.TryParse(
            "Digest realm=\"carrier.example\", nonce=\"abc\", opaque=\"op\", algorithm=SHA-256-sess, qop=\"auth-int, AUTH\", stale=TRUE",
            isProxy: true,
            out var challenge);

        Assert.True(parsed);
        Assert.Equal("carrier.example", challenge!.Realm);
        Assert.Equal("abc", challenge.Nonce);
        Assert.Equal("op", challenge.Opaque);
        Assert.Equal(DigestAlgorithm.Sha256, challenge.Algorithm);
        Assert.True(challenge.IsSession);
        Assert.Equal(["auth-int", "auth"], challenge.Qop);
        Assert.True(challenge.Stale);
        Assert.True(challenge.IsProxy);
        Assert.Equal("SHA-256-sess", challenge.AlgorithmToken);
    }

    [Theory]
    [InlineData("Basic realm=\"x\"")]
    [InlineData("Digest nonce=\"n\"")]
    [InlineData("Digest realm=\"r\"")]
    [InlineData("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256")]
    [InlineData("Digest realm=\"r\", nonce=\"n\", algorithm=-sess")]
    [InlineData("Digest realm=\"r, nonce=\"n\"")]
    [InlineData("Digest realm=\"r\", realm=\"s\", nonce=\"n\"")]
    [InlineData("")]
    public void TryParse_UnusableChallenge_False(string value)
    {
        Assert.False(DigestServerChallenge.TryParse(value, false, out _));
    }

    [Fact]
    public void SelectBest_Sha256AndMd5Offered_PicksSha256AndSkipsAuthIntOnly()
    {
        var best = DigestServerChallenge.SelectBest(
            [
                "Digest realm=\"r\", nonce=\"1\", algorithm=MD5, qop=\"auth\"",
                "Digest realm=\"r\", nonce=\"2\", algorithm=SHA-256, qop=\"auth-int\"",
                "Digest realm=\"r\", nonce=\"3\", algorithm=SHA-256, qop=\"auth\"",
            ],
            isProxy: false);

        Assert.Equal("3", best!.Nonce);
        Assert.Null(DigestServerChallenge.SelectBest(["Digest realm=\"r\", nonce=\"2\", qop=\"auth-int\""], false));
    }

    [Theory]
    [InlineData(DigestAlgorithm.Md5)]
    [InlineData(DigestAlgorithm.Sha256)]
    public void CreateAuthorization_AgainstServerAuthenticator_AcceptedTwiceWithIncreasingNc(DigestAlgorithm algorithm)
    {
        var challenge = _server.CreateChallenges().Select(c => Parse(c)).Single(c => c.Algorithm == algorithm);
        var client = new DigestClient("trunk1", "s3cret");
        client.Accept(challenge);

        var first = client.CreateAuthorization("REGISTER", Uri);
        var second = client.CreateAuthorization("REGISTER", Uri);

        Assert.Equal(DigestVerificationResult.Ok, _server.Verify("REGISTER", first, Lookup, Uri, out _));
        Assert.Equal(DigestVerificationResult.Ok, _server.Verify("REGISTER", second, Lookup, Uri, out var credentials));
        Assert.Equal("00000002", credentials!.NonceCount);
        Assert.Equal("Authorization", client.HeaderName);
    }

    [Theory]
    [InlineData(DigestAlgorithm.Md5)]
    [InlineData(DigestAlgorithm.Sha256)]
    public void CreateAuthorization_WrongPassword_RejectedByServer(DigestAlgorithm algorithm)
    {
        var challenge = _server.CreateChallenges().Select(c => Parse(c)).Single(c => c.Algorithm == algorithm);
        var client = new DigestClient("trunk1", "wrong");
        client.Accept(challenge);

        var result = _server.Verify("REGISTER", client.CreateAuthorization("REGISTER", Uri), Lookup, Uri, out _);

        Assert.Equal(DigestVerificationResult.WrongResponse, result);
    }

    [Fact]
    public void CreateAuthorization_ReplayedHeader_RejectedByServer()
    {
        var client = new DigestClient("trunk1", "s3cret");
        client.Accept(Parse(_server.CreateChallenges()[0]));
        var header = client.CreateAuthorization("REGISTER", Uri);

        Assert.Equal(DigestVerificationResult.Ok, _server.Verify("REGISTER", header, Lookup, Uri, out _));
        Assert.Equal(DigestVerificationResult.ReplayedNonceCount, _server.Verify("REGISTER", header, Lookup, Uri, out _));
    }

    [Fact]
    public void Accept_NewNonce_RestartsNonceCount_SameNonceKeepsIt()
    {
        var client = new DigestClient("trunk1", "s3cret", () => "c");
        client.Accept(Parse("Digest realm=\"r\", nonce=\"a\", qop=\"auth\""));
        client.CreateAuthorization("REGISTER", Uri);
        client.CreateAuthorization("REGISTER", Uri);

        client.Accept(Parse("Digest realm=\"r\", nonce=\"a\", qop=\"auth\", stale=true"));
        Assert.Equal(2, client.NonceCount);
        client.Accept(Parse("Digest realm=\"r\", nonce=\"b\", qop=\"auth\""));

        Assert.Equal(0, client.NonceCount);
        Assert.Contains("nc=00000001", client.CreateAuthorization("REGISTER", Uri), StringComparison.Ordinal);
    }

    [Fact]
    public void CreateAuthorization_NoQopChallenge_Rfc2069FormAcceptedByServer()
    {
        var challenge = Parse(_server.CreateChallenges()[1]) with { Qop = [] };
        var header = DigestAuthorization.Create(challenge, "trunk1", "s3cret", "REGISTER", Uri, "unused", 1);

        Assert.DoesNotContain("qop", header, StringComparison.Ordinal);
        Assert.DoesNotContain("cnonce", header, StringComparison.Ordinal);
        Assert.Equal(DigestVerificationResult.Ok, _server.Verify("REGISTER", header, Lookup, Uri, out _));
    }

    [Fact]
    public void CreateAuthorization_Md5Sess_UsesSessionHa1()
    {
        var challenge = Parse("Digest realm=\"r\", nonce=\"n\", algorithm=MD5-sess, qop=\"auth\", opaque=\"o\"");
        var header = DigestAuthorization.Create(challenge, "u", "p", "REGISTER", "sip:r", "cn", 1);

        var ha1 = Md5($"{Md5("u:r:p")}:n:cn");
        var expected = Md5($"{ha1}:n:00000001:cn:auth:{Md5("REGISTER:sip:r")}");
        Assert.Contains($"response=\"{expected}\"", header, StringComparison.Ordinal);
        Assert.Contains("algorithm=MD5-sess", header, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateAuthorization_QuotesInUserAndRealm_Escaped()
    {
        var challenge = Parse("Digest realm=\"a\\\"b\", nonce=\"n\", qop=\"auth\"");
        var header = DigestAuthorization.Create(challenge, "x\"y", "p", "REGISTER", "sip:r", "cn", 1);

        Assert.True(DigestCredentials.TryParse(header, out var credentials));
        Assert.Equal("x\"y", credentials.Username);
        Assert.Equal("a\"b", credentials.Realm);
    }

    [Fact]
    public void CreateAuthorization_BeforeAnyChallenge_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new DigestClient("u", "p").CreateAuthorization("REGISTER", Uri));
    }

    [Fact]
    public void HeaderName_ProxyChallenge_ProxyAuthorization()
    {
        var client = new DigestClient("u", "p");
        Assert.True(DigestServerChallenge.TryParse("Digest realm=\"r\", nonce=\"n\"", isProxy: true, out var challenge));
        client.Accept(challenge);

        Assert.Equal("Proxy-Authorization", client.HeaderName);
    }

    private static DigestServerChallenge Parse(string value) =>
        DigestServerChallenge.TryParse(value, false, out var challenge) ? challenge : throw new InvalidOperationException(value);

#pragma warning disable CA5351 // The RFC 2617 -sess vector is defined over MD5.
    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351
}
