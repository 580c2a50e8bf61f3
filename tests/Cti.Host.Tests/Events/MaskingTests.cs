using System.Text.Json;
using Cti.Events;

namespace Cti.Host.Tests.Events;

public sealed class MaskingTests
{
    [Fact]
    public void MaskEventJson_NumberFieldsAtAnyDepth_MaskedOthersKept()
    {
        const string json = """{"specversion":"1.0","id":"1","type":"com.cti.call.offered","callid":"c1","data":{"from":"+8613812345678","did":"+861010000000","legs":[{"to":"+8613900001111","agent":"1001"}],"number":"+4930123456"}}""";

        using var masked = JsonDocument.Parse(Masking.MaskEventJson(json));

        var data = masked.RootElement.GetProperty("data");
        Assert.Equal("+86138****5678", data.GetProperty("from").GetString());
        Assert.Equal("+86139****1111", data.GetProperty("legs")[0].GetProperty("to").GetString());
        Assert.Equal("+49****3456", data.GetProperty("number").GetString());
        Assert.Equal("+861010000000", data.GetProperty("did").GetString());
        Assert.Equal("1001", data.GetProperty("legs")[0].GetProperty("agent").GetString());
        Assert.Equal("c1", masked.RootElement.GetProperty("callid").GetString());
    }

    [Fact]
    public void MaskEventJson_NoNumberFields_SameText()
    {
        const string json = """{"specversion":"1.0","id":"1","type":"com.cti.agent.state","data":{"state":"ready"}}""";

        Assert.Same(json, Masking.MaskEventJson(json));
    }
}
