using Cti.Cdrs;

namespace Cti.Host.Tests.Cdrs;

public sealed class CdrCsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=SUM(A1)", "'=SUM(A1)")]
    [InlineData("+8613812345678", "+8613812345678")]
    [InlineData("-3.5", "-3.5")]
    [InlineData("+HYPERLINK(\"http://x\")", "\"'+HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "\"'\rcmd\"")]
    [InlineData("+", "'+")]
    [InlineData(null, "")]
    public void Escape_Cells_QuotedOrNeutralised(string? cell, string expected) => Assert.Equal(expected, CdrCsv.Escape(cell));

    [Fact]
    public void Row_SameColumnCountAsHeader()
    {
        var row = CdrCsv.Row(CdrView.Create(CdrSamples.Answered("c,1", 0), fullNumbers: true));

        Assert.StartsWith("\"c,1\",inbound,carrier-a,gsm-1,+8613812345678,", row, StringComparison.Ordinal);
        Assert.Contains(",2026-03-02T09:00:00.000Z,", row, StringComparison.Ordinal);
        Assert.Contains(",answered,200,16,caller,", row, StringComparison.Ordinal);
    }
}
