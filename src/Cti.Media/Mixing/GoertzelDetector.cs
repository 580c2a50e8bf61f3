namespace Cti.Media.Mixing;

/// <summary>
/// Measures single frequencies in 16-bit linear audio with the Goertzel algorithm, which is cheaper than an FFT when
/// only a few frequencies matter (who hears which test tone, DTMF-like checks). Allocation-free.
/// </summary>
public static class GoertzelDetector
{
    /// <summary>Sample rate assumed when none is given.</summary>
    public const int DefaultSampleRate = 8000;

    /// <summary>
    /// Squared magnitude of the DFT term at <paramref name="frequency"/> over <paramref name="samples"/>. A full-scale
    /// sine of amplitude A exactly on a bin gives about (N·A/2)².
    /// </summary>
    public static double Power(ReadOnlySpan<short> samples, double frequency, int sampleRate = DefaultSampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        var coefficient = 2 * Math.Cos(2 * Math.PI * frequency / sampleRate);
        double previous = 0;
        double beforePrevious = 0;
        foreach (var sample in samples)
        {
            var current = sample + (coefficient * previous) - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }

        return (previous * previous) + (beforePrevious * beforePrevious) - (coefficient * previous * beforePrevious);
    }

    /// <summary>
    /// Share (0–1) of the buffer's energy that lies at <paramref name="frequency"/>: about 1 for a pure tone there,
    /// about 1/k for each of k equally loud tones, about 0 for silence or other tones. Best when the buffer holds a
    /// whole number of periods (160 samples at 8 kHz resolve multiples of 50 Hz exactly).
    /// </summary>
    public static double EnergyShare(ReadOnlySpan<short> samples, double frequency, int sampleRate = DefaultSampleRate)
    {
        double energy = 0;
        foreach (var sample in samples)
        {
            energy += (double)sample * sample;
        }

        if (energy <= 0)
        {
            return 0;
        }

        // Parseval: a sine's energy N·A²/2 against its DFT power (N·A/2)² gives the factor 2/N.
        return Math.Min(1, 2 * Power(samples, frequency, sampleRate) / (samples.Length * energy));
    }

    /// <summary>
    /// Whether <paramref name="frequency"/> carries at least <paramref name="minimumShare"/> of the energy (default
    /// half: that tone dominates) and the buffer is not near silence (<paramref name="minimumRms"/>).
    /// </summary>
    public static bool Dominates(ReadOnlySpan<short> samples, double frequency, double minimumShare = 0.5, double minimumRms = 100, int sampleRate = DefaultSampleRate) =>
        Rms(samples) >= minimumRms && EnergyShare(samples, frequency, sampleRate) >= minimumShare;

    /// <summary>Root mean square level of the buffer (0 when empty).</summary>
    public static double Rms(ReadOnlySpan<short> samples)
    {
        if (samples.IsEmpty)
        {
            return 0;
        }

        double energy = 0;
        foreach (var sample in samples)
        {
            energy += (double)sample * sample;
        }

        return Math.Sqrt(energy / samples.Length);
    }
}
