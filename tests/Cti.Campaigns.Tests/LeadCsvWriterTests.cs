using System.Text;

namespace Cti.Campaigns.Tests;

/// <summary>Lead exports open safely in a spreadsheet: numbers stay numbers, formula-like text becomes text.</summary>
public sealed class LeadCsvWriterTests
{
    [Fact]
    public void Write_FormulaLikeNameAndField_Neutralised_E164PhoneUntouched()
    {
        var lead = new Cti.Dialer.Lists.Lead(
            "l-1",
            "list-a",
            "upload.csv",
            new Cti.Numbers.NormalizedPhoneNumber("+8613812345678", "CN", Cti.Numbers.PhoneNumberKind.Mobile),
            "=HYPERLINK(\"http://x\",\"y\")",
            new Dictionary<string, string> { ["note"] = "+cmd|' /C calc'!A0", ["tab"] = "\tx" },
            1,
            2);
        var rows = new[] { new LeadRow(lead, "pending", 0, null, null, null) };

        var text = Encoding.UTF8.GetString(LeadCsvWriter.Write(rows)).TrimStart('\uFEFF');
        var line = text.Split("\r\n")[1];

        Assert.StartsWith("l-1,list-a,+8613812345678,\"'=HYPERLINK(", line, StringComparison.Ordinal);
        Assert.Contains(",'+cmd|' /C calc'!A0,", line, StringComparison.Ordinal);
        Assert.EndsWith(",'\tx", line, StringComparison.Ordinal);
    }
}
