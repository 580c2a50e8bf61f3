using System.Diagnostics;
using System.Globalization;
using System.Text;
using Cti.Dialer.Lists;
using Cti.Numbers;
using Cti.Campaigns;
using Cti.Platform.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Cti.Campaigns.Tests;

public sealed class LeadImportVolumeTests : IDisposable
{
    private const int Rows = 20_000;
    private readonly string _directory = Directory.CreateTempSubdirectory("cti-dialer-volume-").FullName;
    private readonly ITestOutputHelper _output;

    public LeadImportVolumeTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void ImportThroughBatch_TwentyThousandRows_AllStoredInOneTransaction()
    {
        var csv = new StringBuilder("phone,name,city\n");
        for (var i = 0; i < Rows; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"1381{i:D7},客户{i},上海\n");
        }

        using var database = new SqliteDatabase(_directory, NullLogger<SqliteDatabase>.Instance);
        var store = new SqliteLeadStore(database);
        var clock = Stopwatch.StartNew();

        var batch = new LeadImportBatch("volume", store.GetNumbers("volume"));
        var result = new CsvLeadImporter(new PhoneNumberNormalizer("CN"), batch).Import(
            new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), "volume", "big",
            new LeadColumnMapping { PhoneColumn = "phone", NameColumn = "name", CustomFields = new Dictionary<string, string> { ["city"] = "city" } });
        var parsed = clock.Elapsed;
        store.AddRange("volume", batch.Added);
        var stored = clock.Elapsed;

        _output.WriteLine($"{Rows} rows: parse+dedupe {parsed.TotalMilliseconds:F0} ms, insert {(stored - parsed).TotalMilliseconds:F0} ms");
        Assert.Equal(Rows, result.Accepted.Count);
        Assert.Equal(Rows, store.Count("volume"));
        Assert.Equal("上海", store.GetPage("volume", Rows - 1, 1)[0].Lead.Fields["city"]);
    }
}
