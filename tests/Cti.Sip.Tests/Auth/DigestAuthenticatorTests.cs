using Cti.Sip.Auth;
using Microsoft.Extensions.Time.Testing;

namespace Cti.Sip.Tests.Auth;

public sealed class DigestAuthenticatorTests
{
    private const string Uri = "sip:cti.test";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly DigestAuthenticator _auth;

    public DigestAuthenticatorTests()
    {
        _auth = new DigestAuthenticator(new DigestAuthOptions { Realm = "cti.test", NonceLifetime = TimeSpan.FromMinutes(1), MaxTrackedNonces = 4 }, _time);
    }

    private static string? Lookup(string user, DigestAlgorithm algorithm) =>
        user == "1001" ? Ha1.Compute("1001", "cti.test", "secret", algorithm) : null;

    [Fact]
    public void CreateChallenges_OffersSha256ThenMd5WithQopAndOpaque()
    {
        var challenges = _auth.CreateChallenges();

        Assert.Equal(2, challenges.Count);
        Assert.Contains("algorithm=SHA-256", challenges[0], StringComparison.Ordinal);
        Assert.Contains("algorithm=MD5", challenges[1], StringComparison.Ordinal);
        Assert.All(challenges, c => Assert.Contains("qop=\"auth\"", c, StringComparison.Ordinal));
        Assert.All(challenges, c => Assert.Contains("opaque=\"", c, StringComparison.Ordinal));
        Assert.All(challenges, c => Assert.DoesNotContain("stale", c, StringComparison.Ordinal));
        Assert.Contains("stale=true", _auth.CreateChallenges(stale: true)[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DigestAlgorithm.Md5)]
    [InlineData(DigestAlgorithm.Sha256)]
    public void Verify_CorrectPassword_Ok(DigestAlgorithm algorithm)
    {
        var challenge = _auth.CreateChallenges()[0];
        var header = DigestTestClient.Answer(challenge, "1001", "secret", "REGISTER", Uri, algorithm, 1);

        Assert.Equal(DigestVerificationResult.Ok, _auth.Verify("REGISTER", header, Lookup, Uri, out var credentials));
        Assert.Equal("1001", credentials!.Username);
    }

    [Fact]
    public void Verify_WrongPassword_WrongResponse()
    {
        var header = DigestTestClient.Answer(_auth.CreateChallenges()[0], "1001", "guess", "REGISTER", Uri, DigestAlgorithm.Sha256, 1);

        Assert.Equal(DigestVerificationResult.WrongResponse, _auth.Verify("REGISTER", header, Lookup));
    }

    [Fact]
    public void Verify_UnknownUser_UnknownUserAndChallengeShapeIndependentOfUser()
    {
        var header = DigestTestClient.Answer(_auth.CreateChallenges()[0], "9999", "secret", "REGISTER", Uri, DigestAlgorithm.Sha256, 1);

        Assert.Equal(DigestVerificationResult.UnknownUser, _auth.Verify("REGISTER", header, Lookup));

        // Challenges carry nothing user-specific: same parameters, same lengths.
        var a = _auth.CreateChallenges();
        var b = _auth.CreateChallenges();
        Assert.Equal(a.Select(c => c.Length), b.Select(c => c.Length));
        Assert.Equal(
            a[0].Replace(DigestTestClient.Nonce(a[0]), "N", StringComparison.Ordinal),
            b[0].Replace(DigestTestClient.Nonce(b[0]), "N", StringComparison.Ordinal));
    }

    [Fact]
    public void Verify_AfterNonceLifetime_StaleNonce()
    {
        var challenge = _auth.CreateChallenges()[0];
        var header = DigestTestClient.Answer(challenge, "1001", "secret", "REGISTER", Uri, DigestAlgorithm.Sha256, 1);

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(DigestVerificationResult.Ok, _auth.Verify("REGISTER", header, Lookup));

        _time.Advance(TimeSpan.FromSeconds(1));
        var later = DigestTestClient.Answer(challenge, "1001", "secret", "REGISTER", Uri, DigestAlgorithm.Sha256, 2);
        Assert.Equal(DigestVerificationResult.StaleNonce, _auth.Verify("REGISTER", later, Lookup));
    }

    [Fact]
    public void Verify_ReplayedOrLowerNonceCount_Rejected()
    {
        var challenge = _auth.CreateChallenges()[0];
        string Header(int nc) => DigestTestClient.Answer(challenge, "1001", "secret", "REGISTER", Uri, DigestAlgorithm.Md5, nc);

        Assert.Equal(DigestVerificationResult.Ok, _auth.Verify("REGISTER", Header(2), Lookup));
        Assert.Equal(DigestVerificationResult.ReplayedNonceCount, _auth.Verify("REGISTER", Header(2), Lookup));
        Assert.Equal(DigestVerificationResult.ReplayedNonceCount, _auth.Verify("REGISTER", Header(1), Lookup));
        Assert.Equal(DigestVerificationResult.Ok, _auth.Verify("REGISTER", Header(3), Lookup));
    }

    [Fact]
    public void Verify_TrackedNonces_EvictedAfterExpiryAndBounded()
    {
        for (var i = 0; i < 6; i++)
        {
            var header = DigestTestClient.Answer(_auth.CreateChallenges()[0], "1001", "secret", "REGISTER", Uri, DigestAlgorithm.Md5, 1);
            var result = _auth.Verify("REGISTER", header, Lookup);
            Assert.Equal(i < 4 ? DigestVerificationResult.Ok : DigestVerificationResult.StaleNonce, result);
        }

        Assert.Equal(4, _auth.TrackedNonceCount);
        _time.Advance(TimeSpan.FromMinutes(2));
        var fresh = DigestTestClient.Answer(_auth.CreateChallenges()[0], "1001", "secret", "REGISTER", Uri, DigestAlgorithm.Md5, 1);
        Assert.Equal(DigestVerificationResult.Ok, _auth.Verify("REGISTER", fresh, Lookup));
        Assert.Equal(1, _auth.TrackedNonceCount);
    }

    [Fact]
    public void Verify_ForgedNonce_InvalidNonce()
    {
        var other = new DigestAuthenticator(new DigestAuthOptions { Realm = "cti.test" }, _time);
        var header = DigestTestClient.Answer(other.CreateChallenges()[0], "1001", "secret", "REGISTER", Uri, DigestAlgorithm.Md5, 1);

        // Opaque differs too, so drop it to reach the nonce check.
        header = header.Replace(", opaque=\"" + DigestTestClient.Opaque(other.CreateChallenges()[0]) + "\"", "", StringComparison.Ordinal);
        Assert.Equal(DigestVerificationResult.InvalidNonce, _auth.Verify("REGISTER", header, Lookup));
    }

    [Fact]
    public void Verify_RealmOrUriMismatch_Reported()
    {
        var challenge = _auth.CreateChallenges()[0];
        var otherRealm = DigestTestClient.Answer(challenge, "1001", "secret", "REGISTER", Uri, DigestAlgorithm.Md5, 1, realm: "elsewhere");
        var good = DigestTestClient.Answer(challenge, "1001", "secret", "REGISTER", Uri, DigestAlgorithm.Md5, 1);

        Assert.Equal(DigestVerificationResult.RealmMismatch, _auth.Verify("REGISTER", otherRealm, Lookup));
        Assert.Equal(DigestVerificationResult.UriMismatch, _auth.Verify("REGISTER", good, Lookup, "sip:other.test", out _));
    }

    [Theory]
    [InlineData(null, DigestVerificationResult.NoCredentials)]
    [InlineData("NoOneKnowsThisScheme a=b", DigestVerificationResult.NoCredentials)]
    [InlineData("Digest username=\"x", DigestVerificationResult.Malformed)]
    [InlineData("Digest username=a, realm=cti.test, nonce=zz, uri=sip:x, response=00, algorithm=MD5-sess", DigestVerificationResult.UnsupportedAlgorithm)]
    [InlineData("Digest username=a, realm=cti.test, nonce=zz, uri=sip:x, response=00", DigestVerificationResult.InvalidNonce)]
    [InlineData("Digest username=a, realm=cti.test, nonce=zz, uri=sip:x, response=00, qop=auth-int, nc=00000001, cnonce=c", DigestVerificationResult.UnsupportedQop)]
    public void Verify_BadHeaders_DoNotThrow(string? header, DigestVerificationResult expected)
    {
        Assert.Equal(expected, _auth.Verify("REGISTER", header, Lookup));
    }

    [Fact]
    public void Constructor_InvalidOptions_ListsEveryError()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            new DigestAuthenticator(new DigestAuthOptions { Realm = "", NonceLifetime = TimeSpan.Zero, MaxTrackedNonces = 0 }, _time));

        Assert.Contains("Realm", ex.Message, StringComparison.Ordinal);
        Assert.Contains("NonceLifetime", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MaxTrackedNonces", ex.Message, StringComparison.Ordinal);
    }
}
