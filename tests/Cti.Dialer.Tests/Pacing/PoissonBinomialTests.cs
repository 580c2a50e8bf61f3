using Cti.Dialer.Pacing;
using CsCheck;

namespace Cti.Dialer.Tests.Pacing;

public class PoissonBinomialTests
{
    [Fact]
    public void Distribution_HandComputed()
    {
        var result = new double[3];
        PoissonBinomial.Distribution([0.5, 0.2], result);
        Assert.Equal(0.4, result[0], 12);
        Assert.Equal(0.5, result[1], 12);
        Assert.Equal(0.1, result[2], 12);
    }

    [Fact]
    public void Distribution_MatchesBruteForceEnumeration()
    {
        Gen.Double[0, 1].Array[0, 10].Sample(ps =>
        {
            var result = new double[ps.Length + 1];
            var length = PoissonBinomial.Distribution(ps, result);
            var brute = new double[ps.Length + 1];
            for (var mask = 0; mask < 1 << ps.Length; mask++)
            {
                var p = 1.0;
                var count = 0;
                for (var i = 0; i < ps.Length; i++)
                {
                    var on = (mask & (1 << i)) != 0;
                    p *= on ? ps[i] : 1 - ps[i];
                    count += on ? 1 : 0;
                }

                brute[count] += p;
            }

            for (var k = 0; k <= ps.Length; k++)
            {
                var got = k < length ? result[k] : 0;
                if (Math.Abs(got - brute[k]) > 1e-9)
                {
                    return false;
                }
            }

            return true;
        }, iter: 200);
    }

    [Fact]
    public void Distribution_Truncated_LastEntryHoldsUpperTail()
    {
        double[] ps = [0.5, 0.5, 0.5, 0.5];
        var result = new double[3];
        var length = PoissonBinomial.Distribution(ps, result, maxLength: 3);

        Assert.Equal(3, length);
        Assert.Equal(1.0 / 16, result[0], 12);
        Assert.Equal(4.0 / 16, result[1], 12);
        Assert.Equal(11.0 / 16, result[2], 12); // P(sum ≥ 2) = (6 + 4 + 1) / 16
    }

    [Fact]
    public void Distribution_TruncatedAgainstFull_SameHeadAndSameTotal()
    {
        Gen.Select(Gen.Double[0, 1].Array[1, 30], Gen.Int[1, 10]).Sample((ps, max) =>
        {
            var full = new double[ps.Length + 1];
            PoissonBinomial.Distribution(ps, full);
            var cut = new double[ps.Length + 1];
            var length = PoissonBinomial.Distribution(ps, cut, max);
            for (var k = 0; k < length - 1; k++)
            {
                if (Math.Abs(cut[k] - full[k]) > 1e-9)
                {
                    return false;
                }
            }

            var tail = full.Skip(length - 1).Sum();
            return Math.Abs(cut[length - 1] - tail) < 1e-9;
        }, iter: 200);
    }
}
