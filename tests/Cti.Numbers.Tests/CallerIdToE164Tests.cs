namespace Cti.Numbers.Tests;

/// <summary>Caller numbers from carriers and lines: E.164 or nothing, never a guess.</summary>
public sealed class CallerIdToE164Tests
{
    [Theory]
    [InlineData("13812345678", "+8613812345678")]
    [InlineData("01062345678", "+861062345678")]
    [InlineData("010-6234-5678", "+861062345678")]
    [InlineData("+8613812345678", "+8613812345678")]
    [InlineData("008613812345678", "+8613812345678")]
    [InlineData("+14155552671", "+14155552671")]
    public void ToE164_CnRegion_E164(string raw, string expected) =>
        Assert.Equal(expected, new PhoneNumberNormalizer("CN").ToE164(raw));

    [Theory]
    [InlineData("anonymous")]
    [InlineData("12")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("+99912345")]
    [InlineData("abc123")]
    public void ToE164_Garbage_Unknown(string? raw) => Assert.Null(new PhoneNumberNormalizer("CN").ToE164(raw));

    [Fact]
    public void ToE164_OtherDefaultRegion_ReadsNationalNumberThere() =>
        Assert.Equal("+442079460000", new PhoneNumberNormalizer("GB").ToE164("02079460000"));
}
