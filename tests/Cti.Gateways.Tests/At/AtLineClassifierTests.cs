using Cti.Gateways.At;

namespace Cti.Gateways.Tests.At;

public sealed class AtLineClassifierTests
{
    [Theory]
    [InlineData("OK", "Ok")]
    [InlineData("ERROR", "Error")]
    [InlineData("+CME ERROR: 30", "CmeError")]
    [InlineData("+CMS ERROR: 500", "CmsError")]
    [InlineData("NO CARRIER", "NoCarrier")]
    [InlineData("BUSY", "Busy")]
    [InlineData("NO ANSWER", "NoAnswer")]
    [InlineData("NO DIALTONE", "NoDialTone")]
    [InlineData("CONNECT", "Connect")]
    [InlineData("CONNECT 9600", "Connect")]
    [InlineData("RING", "Ring")]
    [InlineData("+CLIP: \"+8613800138000\",145", "Clip")]
    [InlineData("+CLCC: 1,0,0,0,0,\"10086\",129", "Clcc")]
    [InlineData("+CREG: 0,1", "Creg")]
    [InlineData("+CSQ: 20,99", "Csq")]
    [InlineData("+CPIN: READY", "Cpin")]
    [InlineData("+CEER: Normal call clearing", "Ceer")]
    [InlineData("SIMCOM_SIM800", "Information")]
    [InlineData("OKAY", "Information")]
    public void Classify_Line_Kind(string text, string expected)
    {
        Assert.Equal(Enum.Parse<AtLineKind>(expected), AtLineClassifier.Classify(text).Kind);
    }

    [Theory]
    [InlineData("+CME ERROR: 30", 30)]
    [InlineData("+CMS ERROR: 500", 500)]
    [InlineData("+CME ERROR: SIM not inserted", -1)]
    public void Classify_ErrorCode_Parsed(string text, int code)
    {
        Assert.Equal(code, AtLineClassifier.Classify(text).Code);
    }

    [Fact]
    public void Finality_CallProgressVersusAlwaysFinal_Distinguished()
    {
        Assert.True(AtLineClassifier.Classify("OK").IsAlwaysFinal);
        Assert.False(AtLineClassifier.Classify("NO CARRIER").IsAlwaysFinal);
        Assert.True(AtLineClassifier.Classify("NO CARRIER").IsCallProgress);
        Assert.True(AtLineClassifier.Classify("RING").IsAlwaysUnsolicited);
        Assert.False(AtLineClassifier.Classify("+CREG: 1").IsAlwaysUnsolicited);
    }
}
