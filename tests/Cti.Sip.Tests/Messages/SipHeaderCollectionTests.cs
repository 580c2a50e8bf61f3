using Cti.Sip.Messages;

namespace Cti.Sip.Tests.Messages;

public sealed class SipHeaderCollectionTests
{
    [Fact]
    public void Add_CompactAndOddCaseNames_StoredCanonically()
    {
        var headers = new SipHeaderCollection();
        headers.Add("i", "abc");
        headers.Add("max-FORWARDS", "70");
        headers.Add("X-Mine", "1");
        Assert.Equal([SipHeaderNames.CallId, SipHeaderNames.MaxForwards, "X-Mine"], headers.Select(h => h.Name).ToArray());
        Assert.Equal("abc", headers.Get("CALL-ID"));
        Assert.Equal("1", headers.Get("x-mine"));
    }

    [Fact]
    public void SetAndRemove_RepeatedHeader_KeepOrderOfOthers()
    {
        var headers = new SipHeaderCollection();
        headers.Add("Via", "1");
        headers.Add("To", "t");
        headers.Add("v", "2");
        headers.Add("From", "f");
        Assert.Equal(["1", "2"], headers.GetAll("Via"));
        Assert.Equal(2, headers.CountOf("via"));

        headers.Set("Via", "3");
        Assert.Equal([SipHeaderNames.Via, SipHeaderNames.To, SipHeaderNames.From], headers.Select(h => h.Name).ToArray());
        Assert.Equal("3", headers.Get("Via"));

        Assert.True(headers.Remove("t"));
        Assert.False(headers.Remove("To"));
        Assert.Equal(2, headers.Count);
    }

    [Fact]
    public void Add_ValueWithCrLf_Throws()
    {
        var headers = new SipHeaderCollection();
        Assert.Throws<ArgumentException>(() => headers.Add("Subject", "a\r\nVia: injected"));
        Assert.Throws<ArgumentException>(() => headers.Add("Bad Name", "x"));
    }

    [Fact]
    public void TypedAccessors_AfterHeaderChange_Reparse()
    {
        var request = new SipRequest(SipMethods.Options, SipUri.Parse("sip:a@b"));
        request.Headers.Add("CSeq", "1 OPTIONS");
        Assert.Equal(1u, request.CSeq!.Number);
        request.Headers.Set("CSeq", "2 OPTIONS");
        Assert.Equal(2u, request.CSeq!.Number);
    }

    [Fact]
    public void SplitList_CommasInsideQuotesAndBrackets_NotSeparators()
    {
        var request = new SipRequest(SipMethods.Options, SipUri.Parse("sip:a@b"));
        request.Headers.Add("Route", "\"a,b\" <sip:p1@x;lr>, <sip:p2@y;lr>");
        request.Headers.Add("Require", "100rel,timer");
        Assert.Equal(["\"a,b\" <sip:p1@x;lr>", "<sip:p2@y;lr>"], request.SplitList("Route"));
        Assert.Equal(2, request.Routes.Count);
        Assert.Equal(["100rel", "timer"], request.Require);
    }
}
