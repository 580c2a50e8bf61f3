using Cti.Sip.Messages;

namespace Cti.Sip.Tests.Messages;

public sealed class SipUriTests
{
    [Fact]
    public void TryParse_FullSipUri_ReadsEveryPart()
    {
        Assert.True(SipUri.TryParse("sips:alice:secret@Example.COM:5061;transport=tls;lr;maddr=239.255.255.1?subject=project%20x&priority=urgent", out var uri));
        Assert.Equal("sips", uri.Scheme);
        Assert.True(uri.IsSip);
        Assert.True(uri.IsSecure);
        Assert.Equal("alice", uri.User);
        Assert.Equal("secret", uri.Password);
        Assert.Equal("Example.COM", uri.Host);
        Assert.Equal(5061, uri.Port);
        Assert.Equal("tls", uri.Transport);
        Assert.True(uri.Parameters.Contains("LR"));
        Assert.Null(uri.Parameters.Get("lr"));
        Assert.Equal("239.255.255.1", uri.Parameters.Get("MADDR"));
        Assert.Equal("project x", uri.Headers.Get("subject"));
        Assert.Equal(["transport", "lr", "maddr"], uri.Parameters.Select(p => p.Name).ToArray());
    }

    [Theory]
    [InlineData("sip:alice@example.com")]
    [InlineData("sip:example.com:5060;transport=udp")]
    [InlineData("sip:[2001:db8::1]:5070")]
    [InlineData("sip:%40lice@example.com")]
    [InlineData("sip:user@example.com?Route=%3Csip:p.example.com%3E")]
    [InlineData("tel:+1-201-555-0123;phone-context=example.com")]
    [InlineData("urn:service:sos")]
    [InlineData("sip:a%20b:p%3Aw@h")]
    public void ToString_ParsedUri_IsFixedPointOfParse(string text)
    {
        var uri = SipUri.Parse(text);
        Assert.Equal(text, uri.ToString());
        Assert.Equal(text, SipUri.Parse(uri.ToString()).ToString());
    }

    [Fact]
    public void ToString_UnnecessaryEscapes_WrittenCanonically()
    {
        Assert.Equal("sip:user@example.com;lr", SipUri.Parse("sip:%75ser@example.com;%6C%72").ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("sip:")]
    [InlineData("sip:@example.com")]
    [InlineData("sip:a@b:port")]
    [InlineData("sip:a@b:70000")]
    [InlineData("sip:a b@c")]
    [InlineData("sip:a@b;=x")]
    [InlineData("sip:a@%zz")]
    [InlineData("sip:a%2@b")]
    [InlineData("sip:a@[::1")]
    [InlineData("1sip:a@b")]
    [InlineData("<sip:a@b>")]
    [InlineData("sip:a@b?noequals")]
    public void TryParse_Malformed_ReturnsFalse(string text)
    {
        Assert.False(SipUri.TryParse(text, out _));
    }

    [Fact]
    public void NameAddr_AddrSpecWithParams_ParamsBelongToHeader()
    {
        var nameAddr = SipNameAddr.Parse("sip:bob@example.com;tag=1;user=phone");
        Assert.Empty(nameAddr.Uri.Parameters);
        Assert.Equal("1", nameAddr.Tag);
        Assert.Equal("<sip:bob@example.com>;tag=1;user=phone", nameAddr.ToString());
    }

    [Fact]
    public void NameAddr_QuotedDisplayName_RoundTripsWithEscapes()
    {
        var nameAddr = SipNameAddr.Parse("\"A \\\"quoted\\\" name\" <sip:a@b;lr>;tag=x;p=\"q v\"");
        Assert.Equal("A \"quoted\" name", nameAddr.DisplayName);
        Assert.Equal("\"q v\"", nameAddr.Parameters.Get("p"));
        Assert.Equal("\"A \\\"quoted\\\" name\" <sip:a@b;lr>;tag=x;p=\"q v\"", nameAddr.ToString());
    }

    [Theory]
    [InlineData("\"unterminated <sip:a@b>")]
    [InlineData("< sip:a@b >")]
    [InlineData("Bell, Alexander <sip:a@b>")]
    [InlineData("<sip:a@b>;;tag=1")]
    [InlineData("<sip:a@b>;tag=")]
    [InlineData("<sip:a@b> trailing")]
    public void NameAddr_Malformed_Rejected(string text)
    {
        Assert.False(SipNameAddr.TryParse(text, out _));
    }

    [Fact]
    public void Via_ToString_CanonicalForm()
    {
        var via = new SipVia("udp", "h.example.com", 5060, "z9hG4bK1");
        via.Parameters.Add("rport", null);
        Assert.Equal("SIP/2.0/UDP h.example.com:5060;branch=z9hG4bK1;rport", via.ToString());
        Assert.True(via.HasMagicCookie);
        Assert.True(via.HasRPort);
        Assert.Null(via.RPort);
    }

    [Fact]
    public void CSeq_TryParse_RejectsOverflowAndMissingMethod()
    {
        Assert.True(SipCSeq.TryParse("  42   BYE ", out var cseq));
        Assert.Equal(new SipCSeq(42, "BYE"), cseq);
        Assert.False(SipCSeq.TryParse("4294967296 BYE", out _));
        Assert.False(SipCSeq.TryParse("42", out _));
        Assert.False(SipCSeq.TryParse("42BYE", out _));
    }
}
