using Cti.Calls;

namespace Cti.Calls.Tests;

public sealed class CallsOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var result = new CallsOptionsValidator().Validate(null, new CallsOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_BothDurationsOutOfRange_ReportsEach()
    {
        var options = new CallsOptions { MaxCallDuration = TimeSpan.FromSeconds(30), TransferRingTimeout = TimeSpan.FromMinutes(6) };

        var result = new CallsOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Equal(2, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Cti:Calls:MaxCallDuration must be between", StringComparison.Ordinal) && f.Contains("00:00:30", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Cti:Calls:TransferRingTimeout must be between", StringComparison.Ordinal) && f.Contains("00:06:00", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1.00:00:01", "00:00:30", "MaxCallDuration")]
    [InlineData("04:00:00", "00:00:04", "TransferRingTimeout")]
    public void Validate_OneAboveOrBelowLimit_ReportsThatField(string maxDuration, string transferRing, string field)
    {
        var options = new CallsOptions { MaxCallDuration = TimeSpan.Parse(maxDuration, System.Globalization.CultureInfo.InvariantCulture), TransferRingTimeout = TimeSpan.Parse(transferRing, System.Globalization.CultureInfo.InvariantCulture) };

        var result = new CallsOptionsValidator().Validate(null, options);

        var failure = Assert.Single(result.Failures!);
        Assert.Contains(field, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LimitsThemselves_Succeed()
    {
        var low = new CallsOptions { MaxCallDuration = TimeSpan.FromMinutes(1), TransferRingTimeout = TimeSpan.FromSeconds(5) };
        var high = new CallsOptions { MaxCallDuration = TimeSpan.FromDays(1), TransferRingTimeout = TimeSpan.FromMinutes(5) };

        Assert.True(new CallsOptionsValidator().Validate(null, low).Succeeded);
        Assert.True(new CallsOptionsValidator().Validate(null, high).Succeeded);
    }
}
