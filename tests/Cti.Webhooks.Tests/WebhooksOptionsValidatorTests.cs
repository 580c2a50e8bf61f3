namespace Cti.Webhooks.Tests;

public sealed class WebhooksOptionsValidatorTests
{
    private const string GoodSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private static List<string> Errors(params (string Name, WebhookSubscriptionOptions Subscription)[] subscriptions)
    {
        var options = new WebhooksOptions();
        foreach (var (name, subscription) in subscriptions)
        {
            options.Subscriptions[name] = subscription;
        }

        return WebhooksOptionsValidator.Collect(options);
    }

    [Theory]
    [InlineData("https://crm.example.com/hooks/cti")]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://[::1]:9000/hook")]
    public void Collect_GoodSubscription_NoErrors(string url)
    {
        Assert.Empty(Errors(("crm", new WebhookSubscriptionOptions { Url = url, Secret = GoodSecret, Types = ["call.*", "agent.state"] })));
    }

    [Fact]
    public void Collect_NotHttpUrl_SaysHttpsNeeded()
    {
        var error = Assert.Single(Errors(("crm", new WebhookSubscriptionOptions { Url = "ftp://crm.example.com/x", Secret = GoodSecret })));

        Assert.Equal("Cti:Webhooks:Subscriptions:crm:Url must use https (got 'ftp').", error);
    }

    [Fact]
    public void Collect_PlainHttpToRemoteHost_SaysOnlyLoopback()
    {
        var error = Assert.Single(Errors(("crm", new WebhookSubscriptionOptions { Url = "http://crm.example.com/x", Secret = GoodSecret })));

        Assert.Contains("plain http is allowed only to a loopback host, not 'crm.example.com'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Collect_ShortSecret_SaysHowManyBytes()
    {
        var error = Assert.Single(Errors(("crm", new WebhookSubscriptionOptions { Url = "https://crm.example.com/x", Secret = "too-short" })));

        Assert.Equal("Cti:Webhooks:Subscriptions:crm:Secret is too short: 9 bytes, at least 24 needed.", error);
        Assert.DoesNotContain("too-short", error, StringComparison.Ordinal); // never the secret itself
    }

    [Fact]
    public void Collect_SeveralProblems_AllReportedAtOnce()
    {
        var errors = Errors(
            ("Bad Name", new WebhookSubscriptionOptions { Url = "not a url", Secret = "", Types = ["call.**"], BatchSize = 0 }),
            ("ok", new WebhookSubscriptionOptions { Url = "https://a.example/x", Secret = GoodSecret }));

        Assert.Equal(5, errors.Count);
        Assert.All(errors, e => Assert.StartsWith("Cti:Webhooks:Subscriptions:Bad Name", e, StringComparison.Ordinal));
    }

    [Fact]
    public void Collect_DeliveryLimits_Checked()
    {
        var errors = WebhooksOptionsValidator.Collect(new WebhooksOptions
        {
            RequestTimeout = TimeSpan.Zero,
            BreakDuration = TimeSpan.FromMilliseconds(100),
            DeadLetterAfter = TimeSpan.Zero,
            BatchSize = 5000,
            MaxRetries = -1,
        });

        Assert.Equal(5, errors.Count);
    }

    [Theory]
    [InlineData("call.ended", true)]
    [InlineData("call.recording.paused", true)]
    [InlineData("agent.state", true)]
    [InlineData("lead.preview", false)]
    public void TypeFilter_PrefixAndExact_Match(string type, bool expected)
    {
        var filter = new WebhookTypeFilter(["call.*", "agent.state"]);

        Assert.Equal(expected, filter.Matches(type));
    }

    [Fact]
    public void TypeFilter_NoneOrStar_MatchesAll()
    {
        Assert.True(new WebhookTypeFilter([]).Matches("lead.preview"));
        Assert.True(new WebhookTypeFilter(["*"]).Matches("lead.preview"));
    }
}
