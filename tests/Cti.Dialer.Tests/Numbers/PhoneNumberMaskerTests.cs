using Cti.Dialer.Numbers;

namespace Cti.Dialer.Tests.Numbers;

public class PhoneNumberMaskerTests
{
    [Theory]
    [InlineData("+8613812345678", "+86138****5678")]
    [InlineData("+16502530000", "+165****0000")]
    [InlineData("+861065529988", "+8610****9988")]
    [InlineData("12345678", "****5678")]
    [InlineData("123", "***")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Mask_Numbers_HidesMiddleDigits(string? input, string expected) =>
        Assert.Equal(expected, PhoneNumberMasker.Mask(input));

    [Fact]
    public void NormalizedNumber_ToString_IsMasked()
    {
        Assert.True(new PhoneNumberNormalizer().TryNormalize("13812345678", out var n, out _));
        Assert.Equal("+86138****5678", n!.ToString());
        Assert.DoesNotContain("1234", n.ToString(), StringComparison.Ordinal);
    }
}
