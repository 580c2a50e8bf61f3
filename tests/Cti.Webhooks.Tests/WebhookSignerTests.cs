using System.Security.Cryptography;
using System.Text;

namespace Cti.Webhooks.Tests;

public sealed class WebhookSignerTests
{
    [Fact]
    public void Sign_StandardWebhooksTestVector_Matches()
    {
        // The vector published with the Standard Webhooks reference libraries.
        var key = WebhookSecret.Parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        var signature = WebhookSigner.Sign(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, Encoding.UTF8.GetBytes("""{"test": 2432232314}"""));

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void Sign_RawSecret_IsHmacOfIdTimestampBodyWithUtf8Key()
    {
        const string Secret = "a-raw-secret-of-enough-bytes";
        var body = Encoding.UTF8.GetBytes("""{"specversion":"1.0","id":"42"}""");
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(Secret));
        var expected = "v1," + Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes("""42.1700000000.{"specversion":"1.0","id":"42"}""")));

        Assert.Equal(expected, WebhookSigner.Sign(WebhookSecret.Parse(Secret), "42", 1700000000, body));
    }

    [Fact]
    public void Verify_OneOfSeveralSignatures_AcceptsAndRejectsTampering()
    {
        var key = WebhookSecret.Parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        var body = Encoding.UTF8.GetBytes("""{"test": 2432232314}""");
        const string Header = "v1,bm9wZQ== v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

        Assert.True(WebhookSigner.Verify(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body, Header));
        Assert.False(WebhookSigner.Verify(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265331, body, Header));
        Assert.False(WebhookSigner.Verify(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, Encoding.UTF8.GetBytes("""{"test": 1}"""), Header));
    }

    [Theory]
    [InlineData("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", true)]
    [InlineData("exactly-24-bytes-long-ok", true)]
    [InlineData("only-23-bytes-long-nope", false)]
    [InlineData("whsec_c2hvcnQ=", false)]
    [InlineData("whsec_not base64!", false)]
    [InlineData("", false)]
    public void TryParse_Secret_ValidatesFormAndLength(string secret, bool valid)
    {
        Assert.Equal(valid, WebhookSecret.TryParse(secret, out var key, out var error));
        Assert.Equal(valid, error.Length == 0);
        Assert.Equal(valid, key.Length >= WebhookSecret.MinBytes);
    }

    [Fact]
    public void Generate_Secret_ParsesTo32Bytes()
    {
        Assert.True(WebhookSecret.TryParse(WebhookSecret.Generate(), out var key, out _));
        Assert.Equal(32, key.Length);
    }
}
