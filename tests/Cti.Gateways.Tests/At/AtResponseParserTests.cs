using Cti.Gateways.At;

namespace Cti.Gateways.Tests.At;

public sealed class AtResponseParserTests
{
    private static AtLine L(string text) => AtLineClassifier.Classify(text);

    [Theory]
    [InlineData("+CSQ: 0,99", -113)]
    [InlineData("+CSQ: 20,99", -73)]
    [InlineData("+CSQ: 31,0", -51)]
    public void ParseCsqDbm_Rssi_ConvertsToDbm(string text, int dbm)
    {
        Assert.Equal(dbm, AtResponseParser.ParseCsqDbm(L(text)));
    }

    [Fact]
    public void ParseCsqDbm_Unknown99_IsNull()
    {
        Assert.Null(AtResponseParser.ParseCsqDbm(L("+CSQ: 99,99")));
    }

    [Fact]
    public void ParseCreg_QueryAndUnsolicitedForms_ReadTheRightField()
    {
        Assert.Equal(NetworkRegistration.RegisteredRoaming, AtResponseParser.ParseCreg(L("+CREG: 0,5"), isQueryResponse: true));
        Assert.Equal(NetworkRegistration.Searching, AtResponseParser.ParseCreg(L("+CREG: 2"), isQueryResponse: false));
        Assert.Equal(NetworkRegistration.RegisteredHome, AtResponseParser.ParseCreg(L("+CREG: 1,\"1A2B\",\"00C3\""), isQueryResponse: false));
    }

    [Fact]
    public void ParseClipNumber_QuotedNumber_ReturnsItOrNullWhenWithheld()
    {
        Assert.Equal("+8613800138000", AtResponseParser.ParseClipNumber(L("+CLIP: \"+8613800138000\",145,\"\",,\"\",0")));
        Assert.Null(AtResponseParser.ParseClipNumber(L("+CLIP: \"\",128")));
    }

    [Fact]
    public void ParseClcc_Row_ReadsDirectionStatAndNumber()
    {
        var entry = AtResponseParser.ParseClcc(L("+CLCC: 1,0,3,0,0,\"+8613800138002\",145"));

        Assert.Equal(new ClccEntry(1, true, ClccEntry.Alerting, "+8613800138002"), entry);
        Assert.False(AtResponseParser.ParseClcc(L("+CLCC: 2,1,4,0,0"))!.Value.IsOutgoing);
    }

    [Fact]
    public void DialLogText_PhoneNumber_MiddleHidden()
    {
        Assert.Equal("ATD+86138****5678;", AtCommand.Dial("+8613812345678").LogText);
        Assert.DoesNotContain("12345", AtCommand.Dial("10086123456").LogText, StringComparison.Ordinal);
    }
}
