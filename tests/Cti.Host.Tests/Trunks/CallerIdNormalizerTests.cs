using Cti.Host.Trunks;
using Cti.Sip.Messages;

namespace Cti.Host.Tests.Trunks;

public sealed class CallerIdNormalizerTests
{
    [Theory]
    [InlineData("13812345678", "+8613812345678")]
    [InlineData("01062345678", "+861062345678")]
    [InlineData("010-6234-5678", "+861062345678")]
    [InlineData("+8613812345678", "+8613812345678")]
    [InlineData("008613812345678", "+8613812345678")]
    [InlineData("+14155552671", "+14155552671")]
    public void Normalize_CnRegion_E164(string raw, string expected) =>
        Assert.Equal(expected, CallerIdNormalizer.Normalize(raw, "CN"));

    [Theory]
    [InlineData("anonymous")]
    [InlineData("12")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("+99912345")]
    [InlineData("abc123")]
    public void Normalize_Garbage_Unknown(string? raw) => Assert.Null(CallerIdNormalizer.Normalize(raw, "CN"));

    [Fact]
    public void Normalize_OtherDefaultRegion_ReadsNationalNumberThere() =>
        Assert.Equal("+442079460000", CallerIdNormalizer.Normalize("02079460000", "GB"));

    [Fact]
    public void CallerNumber_PAssertedIdentity_PreferredOverFrom()
    {
        var request = new SipRequest(SipMethods.Invite, SipUri.Parse("sip:100@127.0.0.1"));
        request.Headers.Add(SipHeaderNames.From, "<sip:anonymous@anonymous.invalid>;tag=1");
        request.Headers.Add(SipHeaderNames.PAssertedIdentity, "<sip:13812345678@carrier>");

        Assert.Equal("13812345678", CallerIdNormalizer.CallerNumber(request));
    }

    [Fact]
    public void CallerNumber_NoPai_FromUser()
    {
        var request = new SipRequest(SipMethods.Invite, SipUri.Parse("sip:100@127.0.0.1"));
        request.Headers.Add(SipHeaderNames.From, "\"Caller\" <sip:01062345678@carrier>;tag=1");

        Assert.Equal("01062345678", CallerIdNormalizer.CallerNumber(request));
    }
}
