using System.Text;
using Cti.Dialer.Lists;
using Cti.Numbers;

namespace Cti.Dialer.Tests.Lists;

public class CsvLeadImporterTests
{
    private static readonly LeadColumnMapping Mapping = new()
    {
        PhoneColumn = "电话",
        NameColumn = "姓名",
        SourceColumn = "来源",
        PriorityColumn = "优先级",
        CustomFields = new Dictionary<string, string> { ["保险到期"] = "insurance_expiry", ["车牌"] = "plate", ["车型"] = "car_model" },
    };

    private readonly InMemoryLeadStore _store = new();

    private LeadImportResult Import(string csv, bool bom = false, string campaign = "c1", string list = "L1", LeadColumnMapping? mapping = null)
    {
        var bytes = Encoding.UTF8.GetBytes(csv);
        if (bom)
        {
            bytes = [0xEF, 0xBB, 0xBF, .. bytes];
        }

        using var stream = new MemoryStream(bytes);
        return new CsvLeadImporter(new PhoneNumberNormalizer("CN"), _store).Import(stream, campaign, list, mapping ?? Mapping, "default");
    }

    private const string Sample = "姓名,电话,保险到期,车牌,车型,来源,优先级\n张三,13812345678,2026-12-01,京A12345,\"丰田 凯美瑞, 2.5L\",网站,5\n李四,010-65529988,2027-01-15,沪B54321,本田雅阁,,\n";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Import_WithOrWithoutBom_ReadsChineseHeadersAndNames(bool bom)
    {
        var result = Import(Sample, bom);

        Assert.True(result.Succeeded);
        Assert.Equal(2, result.Accepted.Count);
        Assert.Empty(result.Rejected);
        var first = result.Accepted[0];
        Assert.Equal("张三", first.Name);
        Assert.Equal("+8613812345678", first.Phone.E164);
        Assert.Equal("2026-12-01", first.Fields["insurance_expiry"]);
        Assert.Equal("京A12345", first.Fields["plate"]);
        Assert.Equal("网站", first.Source);
        Assert.Equal(5, first.Priority);
        Assert.Equal("default", result.Accepted[1].Source);
    }

    [Fact]
    public void Import_QuotedFieldWithComma_KeepsWholeValue() =>
        Assert.Equal("丰田 凯美瑞, 2.5L", Import(Sample).Accepted[0].Fields["car_model"]);

    [Fact]
    public void Import_MobileAndFixedLine_RecordsKind()
    {
        var result = Import(Sample);
        Assert.Equal(PhoneNumberKind.Mobile, result.Accepted[0].Phone.Kind);
        Assert.Equal(PhoneNumberKind.FixedLine, result.Accepted[1].Phone.Kind);
        Assert.Equal(1, result.MobileCount);
        Assert.Equal(1, result.FixedLineCount);
    }

    [Fact]
    public void Import_MissingPhoneColumn_FailsWithoutLeads()
    {
        var result = Import("姓名,手机\n张三,13812345678\n");
        Assert.False(result.Succeeded);
        Assert.Contains("电话", result.FileError, StringComparison.Ordinal);
        Assert.Empty(result.Accepted);
        Assert.Empty(_store.GetLeads("c1"));
    }

    [Fact]
    public void Import_EmptyFile_Fails() => Assert.False(Import(string.Empty).Succeeded);

    [Fact]
    public void Import_BadRows_RejectedWithLineNumberAndReason()
    {
        var csv = "姓名,电话,优先级\n好,13812345678,1\n坏,12345,1\n空,,1\n错优先级,13912345678,高\n好二,13712345678,\n";
        var result = Import(csv);

        Assert.Equal(["好", "好二"], result.Accepted.Select(l => l.Name));
        Assert.Equal([3, 4, 5], result.Rejected.Select(r => r.RowNumber));
        Assert.Contains("not valid", result.Rejected[0].Reason, StringComparison.Ordinal);
        Assert.Contains("empty", result.Rejected[1].Reason, StringComparison.Ordinal);
        Assert.Contains("priority", result.Rejected[2].Reason, StringComparison.Ordinal);
        Assert.Equal(6, result.Accepted[1].SourceRow);
    }

    [Fact]
    public void Import_MultiLineQuotedField_ReportsPhysicalLineOfRecord()
    {
        var csv = "姓名,电话\n\"多\n行\",13812345678\n坏,1\n";
        var result = Import(csv);
        Assert.Single(result.Accepted);
        Assert.Equal(4, result.Rejected.Single().RowNumber);
    }

    [Fact]
    public void Import_SameNumberTwiceInList_SecondRejectedAsDuplicate()
    {
        var result = Import("姓名,电话\n甲,13812345678\n乙,+86 138 1234 5678\n");
        Assert.Single(result.Accepted);
        Assert.Equal(1, result.DuplicatesInList);
        Assert.Equal(3, result.Rejected.Single().RowNumber);
        Assert.Contains("duplicate", result.Rejected.Single().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_NumberInAnotherListOfCampaign_RejectedAcrossCampaignOnly()
    {
        Import("姓名,电话\n甲,13812345678\n", list: "L1");

        var sameCampaign = Import("姓名,电话\n乙,13812345678\n丙,13912345678\n", list: "L2");
        var otherCampaign = Import("姓名,电话\n乙,13812345678\n", campaign: "c2", list: "L3");

        Assert.Equal(1, sameCampaign.DuplicatesInCampaign);
        Assert.Equal("丙", sameCampaign.Accepted.Single().Name);
        Assert.Single(otherCampaign.Accepted);
        Assert.Equal(2, _store.GetLeads("c1").Count);
    }

    [Fact]
    public void Import_RejectionsNeverCarryFullNumber()
    {
        var result = Import("姓名,电话\n甲,13812345678\n乙,13812345678\n");
        Assert.Equal("+86138****5678", result.Rejected.Single().MaskedPhone);
    }
}
