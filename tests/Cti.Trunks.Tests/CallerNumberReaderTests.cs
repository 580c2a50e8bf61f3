using Cti.Trunks;
using Cti.Sip.Messages;

namespace Cti.Trunks.Tests;

public sealed class CallerNumberReaderTests
{
    [Fact]
    public void Read_PAssertedIdentity_PreferredOverFrom()
    {
        var request = new SipRequest(SipMethods.Invite, SipUri.Parse("sip:100@127.0.0.1"));
        request.Headers.Add(SipHeaderNames.From, "<sip:anonymous@anonymous.invalid>;tag=1");
        request.Headers.Add(SipHeaderNames.PAssertedIdentity, "<sip:13812345678@carrier>");

        Assert.Equal("13812345678", CallerNumberReader.Read(request));
    }

    [Fact]
    public void Read_NoPai_FromUser()
    {
        var request = new SipRequest(SipMethods.Invite, SipUri.Parse("sip:100@127.0.0.1"));
        request.Headers.Add(SipHeaderNames.From, "\"Caller\" <sip:01062345678@carrier>;tag=1");

        Assert.Equal("01062345678", CallerNumberReader.Read(request));
    }
}
