namespace Cti.Numbers.Tests;

public sealed class PhoneNumberMaskTests
{
    [Theory]
    [InlineData("+8613812345678", "+86138****5678")]
    [InlineData("+16502530000", "+165****0000")]
    [InlineData("+861065529988", "+8610****9988")]
    [InlineData("+4930123456", "+49****3456")]
    [InlineData("12345678", "12****78")]
    [InlineData("123456", "****56")]
    [InlineData("12345", "****5")]
    [InlineData("1234", "****")]
    [InlineData("123", "***")]
    public void Mask_VariousLengths_MiddleHiddenAsFourStars(string input, string expected) =>
        Assert.Equal(expected, PhoneNumberMask.Mask(input));

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Mask_Nothing_ComesBackAsItIs(string? input) => Assert.Equal(input, PhoneNumberMask.Mask(input));

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void ForLog_Nothing_IsNone(string? input) => Assert.Equal("(none)", PhoneNumberMask.ForLog(input));

    [Fact]
    public void Mask_AnyNumber_HidesAtLeastFourCharactersAndNeverShowsTheLength()
    {
        for (var length = 1; length <= 20; length++)
        {
            var number = new string('7', length);
            var masked = PhoneNumberMask.Mask(number)!;
            var shown = masked.Count(c => c != '*');
            Assert.True(length - shown >= Math.Min(4, length), $"{length}: {masked}");
            if (length > 6)
            {
                Assert.Contains("****", masked, StringComparison.Ordinal);
                Assert.DoesNotContain("*****", masked, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void NormalizedNumber_ToString_IsMasked()
    {
        Assert.True(new PhoneNumberNormalizer().TryNormalize("13812345678", out var n, out _));
        Assert.Equal("+86138****5678", n!.ToString());
        Assert.DoesNotContain("1234", n.ToString(), StringComparison.Ordinal);
    }
}
