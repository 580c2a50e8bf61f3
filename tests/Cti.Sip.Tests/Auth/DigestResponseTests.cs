using Cti.Sip.Auth;

namespace Cti.Sip.Tests.Auth;

public sealed class DigestResponseTests
{
    // RFC 7616 §3.9.1.
    private const string Nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private const string ClientNonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    [Theory]
    [InlineData(DigestAlgorithm.Md5, "8ca523f5e9506fed4657c9700eebdbec")]
    [InlineData(DigestAlgorithm.Sha256, "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
    public void Compute_Rfc7616Example_MatchesPublishedResponse(DigestAlgorithm algorithm, string expected)
    {
        var ha1 = Ha1.Compute("Mufasa", "http-auth@example.org", "Circle of Life", algorithm);

        var response = DigestResponse.Compute(algorithm, ha1, Nonce, "GET", "/dir/index.html", "auth", "00000001", ClientNonce);

        Assert.Equal(expected, response);
    }

    [Fact]
    public void Compute_NoQop_UsesRfc2069Form()
    {
        var ha1 = Ha1.Compute("bob", "r", "pw", DigestAlgorithm.Md5);
        var ha2 = DigestHash.Hex(DigestAlgorithm.Md5, "REGISTER:sip:r");

        var response = DigestResponse.Compute(DigestAlgorithm.Md5, ha1, "n", "REGISTER", "sip:r", null, null, null);

        Assert.Equal(DigestHash.Hex(DigestAlgorithm.Md5, $"{ha1}:n:{ha2}"), response);
    }
}
