using Cti.Registrar;
using Microsoft.Extensions.Time.Testing;

namespace Cti.Registrar.Tests;

public sealed class RegistrarStateTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly RegistrarState _state;

    public RegistrarStateTests()
    {
        _state = new RegistrarState(new RegistrarOptions { MinExpires = 60, MaxExpires = 7200, DefaultExpires = 3600 }, _time);
    }

    internal static RegisterCommand Register(
        string aor = "1001",
        IReadOnlyList<RegisterContact>? contacts = null,
        long? expires = null,
        string callId = "call-1",
        long cseq = 1,
        bool wildcard = false) =>
        new(aor, contacts ?? [new RegisterContact("sip:1001@192.0.2.10:5062", null, null)], wildcard, expires, callId, cseq, "udp", "192.0.2.10:5062", "Softphone/1.0");

    [Fact]
    public void Register_NoExpiresAnywhere_UsesDefault()
    {
        var result = _state.Register(Register());

        Assert.Equal(RegisterOutcome.Ok, result.Outcome);
        var binding = Assert.Single(result.Bindings);
        Assert.Equal(3600, binding.SecondsLeft(_time.GetUtcNow()));
        Assert.True(result.Changed);
    }

    [Fact]
    public void Register_ContactExpiresParam_OverridesHeader()
    {
        var result = _state.Register(Register(contacts: [new RegisterContact("sip:a@h", 120, null)], expires: 600));

        Assert.Equal(120, Assert.Single(result.Bindings).SecondsLeft(_time.GetUtcNow()));
    }

    [Fact]
    public void Register_ExpiresHeaderOnly_UsesHeader()
    {
        var result = _state.Register(Register(expires: 600));

        Assert.Equal(600, Assert.Single(result.Bindings).SecondsLeft(_time.GetUtcNow()));
    }

    [Fact]
    public void Register_BelowMinExpires_IntervalTooBriefAndNothingBound()
    {
        var result = _state.Register(Register(expires: 30));

        Assert.Equal(RegisterOutcome.IntervalTooBrief, result.Outcome);
        Assert.Equal(60, result.MinExpires);
        Assert.Equal(0, _state.BindingCount);
    }

    [Fact]
    public void Register_AboveMaxExpires_ClampedToMax()
    {
        var result = _state.Register(Register(contacts: [new RegisterContact("sip:a@h", 86400, null)]));

        Assert.Equal(RegisterOutcome.Ok, result.Outcome);
        Assert.Equal(7200, Assert.Single(result.Bindings).SecondsLeft(_time.GetUtcNow()));
    }

    [Fact]
    public void Register_SeveralContactsWithQ_AllBoundHighestQFirst()
    {
        var result = _state.Register(Register(contacts:
        [
            new RegisterContact("sip:low@h", null, "0.1"),
            new RegisterContact("sip:high@h", null, "1.0"),
            new RegisterContact("sip:mid@h", null, "0.5"),
        ]));

        Assert.Equal(["sip:high@h", "sip:mid@h", "sip:low@h"], result.Bindings.Select(b => b.ContactUri));
        Assert.Equal([1.0, 0.5, 0.1], result.Bindings.Select(b => b.Q ?? -1));
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    [InlineData("abc")]
    [InlineData("0.12345")]
    public void Register_InvalidQ_BadRequest(string q)
    {
        var result = _state.Register(Register(contacts: [new RegisterContact("sip:a@h", null, q)]));

        Assert.Equal(RegisterOutcome.BadRequest, result.Outcome);
        Assert.Equal(0, _state.BindingCount);
    }

    [Fact]
    public void Register_NoContact_QueryListsCurrentBindingsUnchanged()
    {
        _state.Register(Register(contacts: [new RegisterContact("sip:a@h", null, null), new RegisterContact("sip:b@h", null, null)]));
        _time.Advance(TimeSpan.FromSeconds(100));

        var result = _state.Register(Register(contacts: [], cseq: 2));

        Assert.Equal(RegisterOutcome.Ok, result.Outcome);
        Assert.False(result.Changed);
        Assert.Equal(2, result.Bindings.Count);
        Assert.All(result.Bindings, b => Assert.Equal(3500, b.SecondsLeft(_time.GetUtcNow())));
    }

    [Fact]
    public void Register_ExpiresZero_RemovesOnlyThatContact()
    {
        _state.Register(Register(contacts: [new RegisterContact("sip:a@h", null, null), new RegisterContact("sip:b@h", null, null)]));

        var result = _state.Register(Register(contacts: [new RegisterContact("sip:a@h", 0, null)], cseq: 2));

        Assert.Equal("sip:b@h", Assert.Single(result.Bindings).ContactUri);
        Assert.True(result.Changed);
    }

    [Fact]
    public void Register_WildcardWithExpiresZero_RemovesAll()
    {
        _state.Register(Register(contacts: [new RegisterContact("sip:a@h", null, null), new RegisterContact("sip:b@h", null, null)]));

        var result = _state.Register(Register(contacts: [], wildcard: true, expires: 0, cseq: 2));

        Assert.Equal(RegisterOutcome.Ok, result.Outcome);
        Assert.Empty(result.Bindings);
        Assert.Equal(0, _state.AorCount);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(60L, false)]
    [InlineData(0L, true)]
    public void Register_WildcardNotAlone_BadRequest(long? expires, bool withOtherContact)
    {
        _state.Register(Register());
        var contacts = withOtherContact ? new[] { new RegisterContact("sip:a@h", null, null) } : [];

        var result = _state.Register(Register(contacts: contacts, wildcard: true, expires: expires, cseq: 2));

        Assert.Equal(RegisterOutcome.BadRequest, result.Outcome);
        Assert.Equal(1, _state.BindingCount);
    }

    [Fact]
    public void Register_SameContactAgain_RefreshesInsteadOfAdding()
    {
        _state.Register(Register(expires: 600));
        _time.Advance(TimeSpan.FromSeconds(500));

        var result = _state.Register(Register(expires: 600, cseq: 2));

        var binding = Assert.Single(result.Bindings);
        Assert.Equal(600, binding.SecondsLeft(_time.GetUtcNow()));
        Assert.Equal(2, binding.CSeq);
    }

    [Theory]
    [InlineData(5L)]
    [InlineData(4L)]
    public void Register_SameCallIdNotHigherCSeq_OutOfOrderAndUnchanged(long cseq)
    {
        _state.Register(Register(expires: 600, cseq: 5));
        _time.Advance(TimeSpan.FromSeconds(100));

        var result = _state.Register(Register(contacts: [new RegisterContact("sip:1001@192.0.2.10:5062", 0, null)], cseq: cseq));

        Assert.Equal(RegisterOutcome.OutOfOrder, result.Outcome);
        Assert.Equal(500, Assert.Single(_state.Get("1001")).SecondsLeft(_time.GetUtcNow()));
    }

    [Fact]
    public void Register_OtherCallIdLowerCSeq_Accepted()
    {
        _state.Register(Register(expires: 600, cseq: 5));

        var result = _state.Register(Register(expires: 900, callId: "call-2", cseq: 1));

        Assert.Equal(RegisterOutcome.Ok, result.Outcome);
        Assert.Equal("call-2", Assert.Single(result.Bindings).CallId);
    }

    [Fact]
    public void Register_WildcardWithStaleCSeq_OutOfOrder()
    {
        _state.Register(Register(cseq: 7));

        var result = _state.Register(Register(contacts: [], wildcard: true, expires: 0, cseq: 7));

        Assert.Equal(RegisterOutcome.OutOfOrder, result.Outcome);
        Assert.Equal(1, _state.BindingCount);
    }

    [Fact]
    public void Register_UriWithParamsAndEscapedHeaders_StoredExactly()
    {
        const string uri = "sip:1001@192.0.2.10:5062;transport=tcp;ob?X-Tag=a%20b";

        var result = _state.Register(Register(contacts: [new RegisterContact(uri, null, null)]));

        Assert.Equal(uri, Assert.Single(result.Bindings).ContactUri);
    }

    [Fact]
    public void Sweep_AfterExpiry_RemovesAndReportsAor()
    {
        _state.Register(Register(expires: 60));
        _state.Register(Register(aor: "1002", expires: 120));
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Empty(_state.Sweep());

        _time.Advance(TimeSpan.FromSeconds(1));
        var changed = _state.Sweep();

        Assert.Equal(["1001"], changed);
        Assert.Equal(1, _state.AorCount);
        Assert.Equal(_time.GetUtcNow().AddSeconds(60), _state.NextExpiry());
    }

    [Fact]
    public void Restore_ExpiredBinding_Dropped()
    {
        var now = _time.GetUtcNow();
        _state.Restore(
        [
            new RegistrarBinding("1001", "sip:a@h", null, now.AddSeconds(-1), "c", 1, "udp", "x", null, null),
            new RegistrarBinding("1002", "sip:b@h", 0.5, now.AddSeconds(30), "c", 1, "tcp", "y", "UA", true),
        ]);

        Assert.Equal(["1002"], _state.All().Select(b => b.Aor));
    }

    [Fact]
    public void SetReachable_KnownContact_ChangesOnlyOnDifference()
    {
        _state.Register(Register());

        Assert.True(_state.SetReachable("1001", "sip:1001@192.0.2.10:5062", false));
        Assert.False(_state.SetReachable("1001", "sip:1001@192.0.2.10:5062", false));
        Assert.False(_state.SetReachable("1001", "sip:other@h", true));
        Assert.False(Assert.Single(_state.Get("1001")).Reachable);
    }
}
