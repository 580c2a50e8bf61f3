using Cti.Sip.Auth;
using Microsoft.Extensions.Time.Testing;

namespace Cti.Sip.Tests.Auth;

/// <summary>The Authorization spellings phones send, parsed and verified (the interop tests send them to the service).</summary>
public sealed class DigestCredentialSpellingTests
{
    private const string Uri = "sip:cti.test";

    public static TheoryData<string, string> Spellings() => new()
    {
        { "spaces around = and ,", "Digest username = \"1001\" , realm = \"cti.test\" ,nonce= \"{n}\" , uri =\"sip:cti.test\" , response  =  \"{r}\" , algorithm = MD5 , cnonce = \"{c}\" , qop = auth , nc = 00000001 , opaque = \"{o}\"" },
        { "lower-case scheme", "digest username=\"1001\", realm=\"cti.test\", nonce=\"{n}\", uri=\"sip:cti.test\", response=\"{r}\", algorithm=MD5, cnonce=\"{c}\", qop=auth, nc=00000001, opaque=\"{o}\"" },
        { "upper-case names", "DIGEST USERNAME=\"1001\", Realm=\"cti.test\", NONCE=\"{n}\", Uri=\"sip:cti.test\", Response=\"{r}\", Algorithm=MD5, CNonce=\"{c}\", QOP=auth, NC=00000001, Opaque=\"{o}\"" },
        { "qop quoted", "Digest username=\"1001\", realm=\"cti.test\", nonce=\"{n}\", uri=\"sip:cti.test\", response=\"{r}\", algorithm=MD5, cnonce=\"{c}\", qop=\"auth\", nc=00000001, opaque=\"{o}\"" },
        { "algorithm quoted", "Digest username=\"1001\", realm=\"cti.test\", nonce=\"{n}\", uri=\"sip:cti.test\", response=\"{r}\", algorithm=\"MD5\", cnonce=\"{c}\", qop=auth, nc=00000001, opaque=\"{o}\"" },
        { "algorithm absent", "Digest username=\"1001\", realm=\"cti.test\", nonce=\"{n}\", uri=\"sip:cti.test\", response=\"{r}\", cnonce=\"{c}\", qop=auth, nc=00000001, opaque=\"{o}\"" },
        { "unusual order", "Digest response=\"{r}\", nc=00000001, qop=auth, cnonce=\"{c}\", opaque=\"{o}\", algorithm=MD5, uri=\"sip:cti.test\", nonce=\"{n}\", realm=\"cti.test\", username=\"1001\"" },
        { "tab, no spaces (SIPp)", "Digest\tusername=\"1001\",realm=\"cti.test\",cnonce=\"{c}\",nc=00000001,qop=auth,uri=\"sip:cti.test\",nonce=\"{n}\",response=\"{r}\",algorithm=MD5,opaque=\"{o}\"" },
    };

    [Theory]
    [MemberData(nameof(Spellings))]
    public void Parse_PhoneSpelling_ReadsEveryValue(string name, string template)
    {
        var value = template.Replace("{n}", "N0nce", StringComparison.Ordinal).Replace("{r}", "0123abcd", StringComparison.Ordinal)
            .Replace("{c}", "Zm9v/YmFy+ZQ==.x-_1", StringComparison.Ordinal).Replace("{o}", "op", StringComparison.Ordinal);

        Assert.True(DigestCredentials.TryParse(value, out var credentials), name);
        Assert.Equal("1001", credentials.Username);
        Assert.Equal("cti.test", credentials.Realm);
        Assert.Equal("N0nce", credentials.Nonce);
        Assert.Equal(Uri, credentials.Uri);
        Assert.Equal("0123abcd", credentials.Response);
        Assert.Equal("Zm9v/YmFy+ZQ==.x-_1", credentials.ClientNonce);
        Assert.Equal("auth", credentials.Qop);
        Assert.Equal("00000001", credentials.NonceCount);
        Assert.Equal("op", credentials.Opaque);
        Assert.Equal(name == "algorithm absent" ? null : "MD5", credentials.Algorithm);
    }

    [Theory]
    [MemberData(nameof(Spellings))]
    public void Verify_PhoneSpellingOfACorrectAnswer_Ok(string name, string template)
    {
        var auth = new DigestAuthenticator(new DigestAuthOptions { Realm = "cti.test" }, new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56)));
        var challenge = auth.CreateChallenges([DigestAlgorithm.Md5], stale: false)[0];
        var nonce = DigestTestClient.Nonce(challenge);
        const string cnonce = "Zm9v/YmFy+ZQ==.x-_1";
        var ha1 = Ha1.Compute("1001", "cti.test", "secret", DigestAlgorithm.Md5);
        var response = DigestResponse.Compute(DigestAlgorithm.Md5, ha1, nonce, "REGISTER", Uri, "auth", "00000001", cnonce);
        var value = template.Replace("{n}", nonce, StringComparison.Ordinal).Replace("{r}", response, StringComparison.Ordinal)
            .Replace("{c}", cnonce, StringComparison.Ordinal).Replace("{o}", DigestTestClient.Opaque(challenge), StringComparison.Ordinal);

        var result = auth.Verify("REGISTER", value, (user, algorithm) => user == "1001" ? Ha1.Compute("1001", "cti.test", "secret", algorithm) : null);

        Assert.True(result == DigestVerificationResult.Ok, $"{name}: {result}");
    }

    [Theory]
    [InlineData("Digest username=\"1001\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"r\", cnonce=Zm9vYmFy==, qop=auth, nc=00000001")]
    [InlineData("Digest username=\"1001\", realm \"r\", nonce=\"n\", uri=\"u\", response=\"r\"")]
    [InlineData("Digest username=\"1001\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"r\", opaque=\"op")]
    [InlineData("Digest username=\"1001\", realm=\"r\", nonce=\"n\", uri=\"u\"")]
    public void Parse_MalformedSpelling_Malformed(string value)
    {
        // cnonce is a quoted-string (RFC 7616 §3.4, RFC 3261 §25.1): unquoted, its '=' padding is no token character.
        Assert.Equal(DigestCredentialsParseOutcome.Malformed, DigestCredentials.Parse(value, out _));
    }

    [Fact]
    public void Parse_Rfc2069AnswerWithoutQop_NoClientNonceNorCount()
    {
        Assert.True(DigestCredentials.TryParse("Digest username=\"1001\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"abc\"", out var credentials));
        Assert.Null(credentials.Qop);
        Assert.Null(credentials.ClientNonce);
        Assert.Null(credentials.NonceCount);
        Assert.Null(credentials.Algorithm);
    }
}
