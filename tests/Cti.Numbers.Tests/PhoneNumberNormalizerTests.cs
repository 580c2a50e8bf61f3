using Cti.Numbers;

namespace Cti.Numbers.Tests;

public class PhoneNumberNormalizerTests
{
    private readonly PhoneNumberNormalizer _cn = new("CN");

    [Theory]
    [InlineData("13812345678", "+8613812345678", PhoneNumberKind.Mobile)]
    [InlineData("138 1234 5678", "+8613812345678", PhoneNumberKind.Mobile)]
    [InlineData("+86 138-1234-5678", "+8613812345678", PhoneNumberKind.Mobile)]
    [InlineData("010 6552 9988", "+861065529988", PhoneNumberKind.FixedLine)]
    [InlineData("(021) 6432 1234", "+862164321234", PhoneNumberKind.FixedLine)]
    public void TryNormalize_ChineseNumbers_GivesE164AndKind(string raw, string e164, PhoneNumberKind kind)
    {
        Assert.True(_cn.TryNormalize(raw, out var number, out var reason), reason);
        Assert.Equal(e164, number!.E164);
        Assert.Equal(kind, number.Kind);
        Assert.Equal("CN", number.RegionCode);
    }

    [Fact]
    public void TryNormalize_ForeignNumberWithPlus_KeepsItsRegion()
    {
        Assert.True(_cn.TryNormalize("+1 650-253-0000", out var number, out _));
        Assert.Equal("+16502530000", number!.E164);
        Assert.Equal("US", number.RegionCode);
    }

    [Fact]
    public void TryNormalize_DefaultRegionUs_ParsesNationalFormat()
    {
        var us = new PhoneNumberNormalizer("us");
        Assert.True(us.TryNormalize("(650) 253-0000", out var number, out _));
        Assert.Equal("+16502530000", number!.E164);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("12345", "not valid")]
    [InlineData("abc", "cannot be parsed")]
    [InlineData("1381234567899999", "")]
    public void TryNormalize_BadInput_ReturnsFalseWithReason(string raw, string reasonPart)
    {
        Assert.False(_cn.TryNormalize(raw, out var number, out var reason));
        Assert.Null(number);
        Assert.False(string.IsNullOrEmpty(reason));
        Assert.Contains(reasonPart, reason, StringComparison.Ordinal);
    }
}
