using CsCheck;
using Cti.Sip.Auth;

namespace Cti.Sip.Tests.Auth;

public sealed class DigestCredentialsTests
{
    [Fact]
    public void TryParse_QuotedAndUnquotedValues_ReadsAll()
    {
        const string value = "Digest username=\"al\\\"ice\",realm=\"cti.test\", nonce=\"abc\", uri=\"sip:cti.test\", " +
                             "response=\"0123\", algorithm=SHA-256, cnonce=\"x y\", qop=auth, nc=0000000a, opaque=\"op\"";

        Assert.True(DigestCredentials.TryParse(value, out var credentials));
        Assert.Equal("al\"ice", credentials.Username);
        Assert.Equal("sip:cti.test", credentials.Uri);
        Assert.Equal("SHA-256", credentials.Algorithm);
        Assert.Equal("x y", credentials.ClientNonce);
        Assert.Equal("auth", credentials.Qop);
        Assert.Equal("0000000a", credentials.NonceCount);
        Assert.Equal("op", credentials.Opaque);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("NoOneKnowsThisScheme foo=bar")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public void Parse_OtherSchemesOrEmpty_AreNoCredentials(string? value)
    {
        Assert.Equal(DigestCredentialsParseOutcome.NoCredentials, DigestCredentials.Parse(value, out _));
    }

    [Theory]
    [InlineData("Digest")]
    [InlineData("Digest username=\"unterminated")]
    [InlineData("Digest username=\"a\", realm=\"r\"")]
    [InlineData("Digest username=\"a\" realm=\"r\", nonce=n, uri=u, response=r")]
    [InlineData("Digest username=a, username=b, realm=r, nonce=n, uri=u, response=r")]
    [InlineData("Digest =x")]
    [InlineData("Digest username=\"a\\")]
    public void Parse_MalformedDigest_IsMalformed(string value)
    {
        Assert.Equal(DigestCredentialsParseOutcome.Malformed, DigestCredentials.Parse(value, out _));
    }

    [Fact]
    public void Parse_RandomInput_NeverThrows()
    {
        Gen.String.Sample(s =>
        {
            DigestCredentials.Parse("Digest " + s, out _);
            DigestCredentials.Parse(s, out _);
        }, iter: 2000);
    }
}
