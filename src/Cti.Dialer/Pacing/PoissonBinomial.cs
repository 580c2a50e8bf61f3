namespace Cti.Dialer.Pacing;

/// <summary>Exact distribution of a sum of independent Bernoulli variables with different probabilities.</summary>
internal static class PoissonBinomial
{
    /// <summary>
    /// Writes P(sum = k) into <paramref name="result"/> and returns the number of entries written. With
    /// <paramref name="maxLength"/> the support is cut there and the last entry holds P(sum ≥ maxLength − 1).
    /// </summary>
    public static int Distribution(ReadOnlySpan<double> probabilities, Span<double> result, int maxLength = int.MaxValue)
    {
        var cap = Math.Max(1, Math.Min(maxLength, probabilities.Length + 1));
        result[..cap].Clear();
        result[0] = 1.0;
        var length = 1;
        foreach (var p in probabilities)
        {
            if (p <= 0 || cap == 1)
            {
                continue;
            }

            var q = 1 - p;
            var full = length == cap;
            if (!full)
            {
                result[length] = 0;
                length++;
            }

            for (var k = length - 1; k > 0; k--)
            {
                // When the support is full the last entry means "this many or more": it only gains.
                var stay = full && k == length - 1 ? 1.0 : q;
                result[k] = (result[k] * stay) + (result[k - 1] * p);
            }

            result[0] *= q;
        }

        return length;
    }
}
