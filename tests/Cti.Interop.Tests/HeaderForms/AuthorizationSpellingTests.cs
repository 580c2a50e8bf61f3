using Cti.Interop.Tests.Infrastructure;
using Cti.Interop.Tests.Registrar;

namespace Cti.Interop.Tests.HeaderForms;

/// <summary>
/// Authorization headers in the spellings real phones send, over UDP and TCP, against the running service.
/// SIPp cannot send these: its [authentication] keyword computes the digest but always writes its own fixed form
/// (quoted strings, no space after the commas, a hex cnonce; see <see cref="HeaderFormScenarioTests"/>) and takes no
/// formatting options (only username, password and the AKA keys), and a scenario that captures the
/// nonce with &lt;ereg&gt; has no way to hash it. So here the test is the phone: a raw socket sends the REGISTER,
/// reads the 401, computes the MD5 answer itself and writes it in the spelling under test.
/// </summary>
public sealed class AuthorizationSpellingTests(CtiHostFixture fixture) : IClassFixture<CtiHostFixture>
{
    private const string Password = "demo1003";
    private const string User = "1003";

    /// <summary>A cnonce with the base64 characters phones put in theirs ('/', '+', '=') and '.', '-', '_'.</summary>
    private const string Base64ishClientNonce = "Zm9v/YmFy+ZQ==.x-_1";

    /// <summary>Spelling name → the cnonce it answers with (null: no qop) and how it writes the answer.</summary>
    private static readonly Dictionary<string, (string? ClientNonce, Func<DigestAnswer, string> Write)> Spellings = new()
    {
        ["spaces around = and ,"] = ("0a4f113b", a =>
            $"Digest username = \"{a.Username}\" , realm = \"{a.Realm}\" ,nonce= \"{a.Nonce}\" , uri =\"{a.Uri}\" , " +
            $"response  =  \"{a.Response}\" , algorithm = MD5 , cnonce = \"{a.ClientNonce}\" , qop = auth , nc = {a.NonceCount} , opaque = \"{a.Opaque}\""),
        ["base64-ish cnonce"] = (Base64ishClientNonce, a => Standard(a, "Digest", "qop=auth", "algorithm=MD5")),
        ["lower-case scheme"] = ("0a4f113b", a => Standard(a, "digest", "qop=auth", "algorithm=MD5")),
        ["upper-case scheme and parameter names"] = ("0a4f113b", a =>
            $"DIGEST USERNAME=\"{a.Username}\", Realm=\"{a.Realm}\", NONCE=\"{a.Nonce}\", Uri=\"{a.Uri}\", Response=\"{a.Response}\", " +
            $"Algorithm=MD5, CNonce=\"{a.ClientNonce}\", QOP=auth, NC={a.NonceCount}, Opaque=\"{a.Opaque}\""),
        ["qop quoted"] = ("0a4f113b", a => Standard(a, "Digest", "qop=\"auth\"", "algorithm=MD5")),
        ["qop unquoted"] = ("0a4f113b", a => Standard(a, "Digest", "qop=auth", "algorithm=MD5")),
        ["algorithm quoted"] = ("0a4f113b", a => Standard(a, "Digest", "qop=auth", "algorithm=\"MD5\"")),
        ["algorithm absent"] = ("0a4f113b", a => Standard(a, "Digest", "qop=auth", null)),
        ["unusual order"] = ("0a4f113b", a =>
            $"Digest response=\"{a.Response}\", nc={a.NonceCount}, qop=auth, cnonce=\"{a.ClientNonce}\", opaque=\"{a.Opaque}\", " +
            $"algorithm=MD5, uri=\"{a.Uri}\", nonce=\"{a.Nonce}\", realm=\"{a.Realm}\", username=\"{a.Username}\""),
        ["tab after scheme, no space after commas"] = ("0a4f113b", a =>
            $"Digest\tusername=\"{a.Username}\",realm=\"{a.Realm}\",nonce=\"{a.Nonce}\",uri=\"{a.Uri}\",response=\"{a.Response}\"," +
            $"algorithm=MD5,cnonce=\"{a.ClientNonce}\",qop=auth,nc={a.NonceCount},opaque=\"{a.Opaque}\""),
        ["no qop (RFC 2069), no algorithm, no opaque"] = (null, a =>
            $"Digest username=\"{a.Username}\", realm=\"{a.Realm}\", nonce=\"{a.Nonce}\", uri=\"{a.Uri}\", response=\"{a.Response}\""),
    };

    /// <summary>Malformed answers: each must get a fresh 401 challenge (never a 5xx, never silence).</summary>
    private static readonly Dictionary<string, Func<DigestAnswer, string>> Malformed = new()
    {
        // RFC 7616 §3.4 and RFC 3261 §25.1: cnonce is a quoted-string; '=' is no token character.
        ["cnonce unquoted with '='"] = a => Standard(a, "Digest", "qop=auth", "algorithm=MD5").Replace($"cnonce=\"{a.ClientNonce}\"", "cnonce=Zm9vYmFy==", StringComparison.Ordinal),
        ["unterminated quoted string"] = a => Standard(a, "Digest", "qop=auth", "algorithm=MD5")[..^1],
        ["no '=' after a parameter name"] = a => Standard(a, "Digest", "qop=auth", "algorithm=MD5").Replace("realm=", "realm ", StringComparison.Ordinal),
        ["response missing"] = a => $"Digest username=\"{a.Username}\", realm=\"{a.Realm}\", nonce=\"{a.Nonce}\", uri=\"{a.Uri}\"",
    };

    public static TheoryData<string, string> SpellingCases() => Cases(Spellings.Keys);

    public static TheoryData<string, string> MalformedCases() => Cases(Malformed.Keys);

    [Theory]
    [MemberData(nameof(SpellingCases))]
    public async Task Register_AuthorizationSpelling_200AndBindingListed(string spelling, string transport)
    {
        var (clientNonce, write) = Spellings[spelling];
        using var phone = await RawSipPhone.ConnectAsync(transport, fixture.Host.SipPort);

        var challenge = await phone.RegisterAsync(User, 1, authorization: null);
        Assert.True(challenge?.StatusCode == 401, $"no 401 to the first REGISTER: {challenge?.Raw}");
        var answer = DigestAnswer.For(WwwAuthenticate(challenge), User, Password, "REGISTER", phone.RegistrarUri, clientNonce);
        var authorization = write(answer);
        var registered = await phone.RegisterAsync(User, 2, authorization);

        Assert.True(registered?.StatusCode == 200, $"{spelling} over {transport}: {authorization}\n→ {registered?.Raw ?? "no answer"}");
        Assert.Contains(phone.ContactUri(User), await ContactsAsync(User));
    }

    [Theory]
    [MemberData(nameof(MalformedCases))]
    public async Task Register_MalformedAuthorization_FreshChallengeThenACorrectAnswerRegisters(string spelling, string transport)
    {
        var write = Malformed[spelling];
        using var phone = await RawSipPhone.ConnectAsync(transport, fixture.Host.SipPort);
        var first = await phone.RegisterAsync(User, 1, authorization: null);
        Assert.True(first?.StatusCode == 401, $"no 401 to the first REGISTER: {first?.Raw}");
        var answer = DigestAnswer.For(WwwAuthenticate(first), User, Password, "REGISTER", phone.RegistrarUri, "0a4f113b");

        var refused = await phone.RegisterAsync(User, 2, write(answer));

        Assert.True(refused?.StatusCode == 401, $"{spelling} over {transport}: {write(answer)}\n→ {refused?.Raw ?? "no answer"}");
        Assert.NotEqual(answer.Nonce, DigestAnswer.Parameter(WwwAuthenticate(refused), "nonce"));
        Assert.DoesNotContain(phone.ContactUri(User), await ContactsAsync(User));

        // The service is unharmed, and on TCP the same connection still carries the phone's next REGISTER.
        var retry = DigestAnswer.For(WwwAuthenticate(refused), User, Password, "REGISTER", phone.RegistrarUri, "0a4f113b");
        var registered = await phone.RegisterAsync(User, 3, Standard(retry, "Digest", "qop=auth", "algorithm=MD5"));
        Assert.True(registered?.StatusCode == 200, registered?.Raw ?? "no answer to the corrected REGISTER");
        Assert.Contains(phone.ContactUri(User), await ContactsAsync(User));
    }

    [Theory]
    [InlineData("udp")]
    [InlineData("tcp")]
    public async Task Register_MalformedTo_400NamingTheHeader(string transport)
    {
        using var phone = await RawSipPhone.ConnectAsync(transport, fixture.Host.SipPort);

        var reply = await phone.RegisterAsync(User, 1, authorization: null, to: $"<sip:{User}@127.0.0.1");

        Assert.True(reply?.StatusCode == 400, reply?.Raw ?? "no answer to a REGISTER with a malformed To");
        Assert.Contains("To", reply!.Reason, StringComparison.Ordinal);
        Assert.False(fixture.Host.HasExited, fixture.Host.Output);
    }

    /// <summary>The form most phones send: quoted strings, one space after each comma, tokens for algorithm, qop and nc.</summary>
    private static string Standard(DigestAnswer a, string scheme, string qop, string? algorithm)
    {
        var text = $"{scheme} username=\"{a.Username}\", realm=\"{a.Realm}\", nonce=\"{a.Nonce}\", uri=\"{a.Uri}\", response=\"{a.Response}\"";
        if (algorithm is not null)
        {
            text += ", " + algorithm;
        }

        return text + $", cnonce=\"{a.ClientNonce}\", {qop}, nc={a.NonceCount}, opaque=\"{a.Opaque}\"";
    }

    private static string WwwAuthenticate(SipReply? reply)
    {
        var value = reply?.First("WWW-Authenticate");
        Assert.True(value is not null, "401 without WWW-Authenticate: " + reply?.Raw);
        return value;
    }

    private async Task<List<string>> ContactsAsync(string user)
    {
        using var api = fixture.Host.CreateApiClient();
        var registered = await RegistrarInteropTests.RegisteredExtensionsAsync(api);
        return registered.TryGetValue(user, out var contacts) ? contacts : [];
    }

    private static TheoryData<string, string> Cases(IEnumerable<string> names)
    {
        var data = new TheoryData<string, string>();
        foreach (var name in names)
        {
            data.Add(name, "udp");
            data.Add(name, "tcp");
        }

        return data;
    }
}
