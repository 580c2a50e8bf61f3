using Cti.Media.Hosting;

namespace Cti.Media.Tests;

public sealed class MediaOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var result = new MediaOptionsValidator().Validate(null, new MediaOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Collect_EveryFieldWrong_ReportsEveryError()
    {
        var options = new MediaOptions
        {
            Address = "media.example",
            MinPort = 1001,
            MaxPort = 70000,
            RecordingRetentionDays = -1,
            RecordingsDirectory = " ",
            PromptsDirectory = "",
        };

        var errors = MediaOptionsValidator.Collect(options);

        Assert.Contains(errors, e => e.StartsWith("Cti:Media:Address must be a concrete IP address", StringComparison.Ordinal) && e.Contains("'media.example'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("MinPort must be between 1024 and 65534", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("MinPort must be even", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("MaxPort must be at most 65535", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Cti:Media:RecordingRetentionDays must be between 0 and 3650", StringComparison.Ordinal));
        Assert.Contains(errors, e => e == "Cti:Media:RecordingsDirectory must not be empty.");
        Assert.Contains(errors, e => e == "Cti:Media:PromptsDirectory must not be empty.");
        Assert.Equal(7, errors.Count);
        Assert.All(errors, e => Assert.StartsWith("Cti:Media", e, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("")]
    public void Collect_WildcardOrEmptyAddress_Rejected(string address)
    {
        var errors = MediaOptionsValidator.Collect(new MediaOptions { Address = address });

        var error = Assert.Single(errors);
        Assert.StartsWith("Cti:Media:Address", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Collect_MaxPortNotAboveMinPort_RangeError()
    {
        var errors = MediaOptionsValidator.Collect(new MediaOptions { MinPort = 30000, MaxPort = 30000 });

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Contains("MaxPort must leave room for at least one RTP/RTCP pair", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("at least 4 ports", StringComparison.Ordinal));
    }

    [Fact]
    public void Collect_OnePairOnly_RejectedBecauseACallNeedsTwo()
    {
        var onePair = MediaOptionsValidator.Collect(new MediaOptions { MinPort = 30000, MaxPort = 30001 });
        var twoPairs = MediaOptionsValidator.Collect(new MediaOptions { MinPort = 30000, MaxPort = 30003 });

        Assert.Contains("at least 4 ports", Assert.Single(onePair), StringComparison.Ordinal);
        Assert.Empty(twoPairs);
    }

    [Fact]
    public void Collect_RetentionAboveLimit_Rejected()
    {
        var errors = MediaOptionsValidator.Collect(new MediaOptions { RecordingRetentionDays = 3651 });

        Assert.Contains("3651", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Collect_RetentionZeroAndIPv6Address_Valid()
    {
        Assert.Empty(MediaOptionsValidator.Collect(new MediaOptions { RecordingRetentionDays = 0, Address = "2001:db8::1" }));
    }
}
