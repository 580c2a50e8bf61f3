using CsCheck;
using Cti.Sip.Auth;

namespace Cti.Sip.Tests.Auth;

public sealed class DigestChallengeFuzzTests
{
    // What a carrier's registrar might put in WWW-Authenticate: random text after the scheme, and random
    // combinations of realistic parameters with broken quoting.
    private static readonly Gen<string> Parameter = Gen.OneOf(
        Gen.Const("realm=\"carrier\""),
        Gen.Const("nonce=\"abc\""),
        Gen.Const("qop=\"auth,auth-int\""),
        Gen.Const("algorithm=SHA-256"),
        Gen.Const("stale=TRUE"),
        Gen.Const("opaque=\""),
        Gen.String[0, 20]);

    [Fact]
    public void TryParse_RandomHeaderValues_NeverThrows()
    {
        Gen.String.Sample(s =>
        {
            DigestServerChallenge.TryParse("Digest " + s, isProxy: false, out _);
            DigestServerChallenge.TryParse(s, isProxy: true, out _);
        }, iter: 2000);
    }

    [Fact]
    public void TryParse_ShuffledParameters_ParsesOnlyWithRealmAndNonce()
    {
        Parameter.Array[0, 8].Sample(parts =>
        {
            var value = "Digest " + string.Join(", ", parts);
            if (DigestServerChallenge.TryParse(value, isProxy: false, out var challenge))
            {
                Assert.False(string.IsNullOrEmpty(challenge.Realm));
                Assert.False(string.IsNullOrEmpty(challenge.Nonce));
            }
        }, iter: 2000);
    }
}
