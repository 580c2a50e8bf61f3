namespace Cti.Media.Detection;

/// <summary>Per-frame measurements shared by the detectors: energy, zero crossings and single-frequency share.</summary>
internal static class FrameMeasures
{
    /// <summary>Sum of squared samples; a long because 160 full-scale samples overflow an int.</summary>
    public static long Energy(ReadOnlySpan<short> frame)
    {
        long sum = 0;
        foreach (var sample in frame)
        {
            sum += sample * sample;
        }

        return sum;
    }

    /// <summary>Root mean square of a frame with <paramref name="energy"/> over <paramref name="length"/> samples.</summary>
    public static double Rms(long energy, int length) => length == 0 ? 0 : Math.Sqrt((double)energy / length);

    /// <summary>Level in dB relative to an RMS of 1 (silence is clamped to 0 dB, full scale is about 90 dB).</summary>
    public static double Decibels(double rms) => 20 * Math.Log10(Math.Max(rms, 1));

    /// <summary>
    /// Sign changes in the frame. A steady tone of f Hz crosses zero about f/25 times in 160 samples, which gives a
    /// cheap first guess of its frequency before Goertzel confirms it.
    /// </summary>
    public static int ZeroCrossings(ReadOnlySpan<short> frame)
    {
        var count = 0;
        var positive = frame.Length > 0 && frame[0] >= 0;
        for (var i = 1; i < frame.Length; i++)
        {
            var now = frame[i] >= 0;
            if (now != positive)
            {
                count++;
                positive = now;
            }
        }

        return count;
    }

    /// <summary>Goertzel coefficient 2·cos(2πf/fs) for <paramref name="frequency"/>.</summary>
    public static double Coefficient(double frequency) => 2 * Math.Cos(2 * Math.PI * frequency / DetectionFrame.SampleRate);

    /// <summary>
    /// Share (0–1) of the frame's <paramref name="energy"/> at the frequency of <paramref name="coefficient"/>: about 1
    /// for a pure tone on it, about 1/k for each of k equal tones (so DTMF pairs and chords stay near 0.5 or below).
    /// </summary>
    public static double ToneShare(ReadOnlySpan<short> frame, double coefficient, long energy)
    {
        if (energy <= 0)
        {
            return 0;
        }

        double previous = 0;
        double beforePrevious = 0;
        foreach (var sample in frame)
        {
            var current = sample + (coefficient * previous) - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }

        var power = (previous * previous) + (beforePrevious * beforePrevious) - (coefficient * previous * beforePrevious);

        // Parseval: a sine's energy N·A²/2 against its DFT power (N·A/2)² gives the factor 2/N.
        return Math.Min(1, 2 * power / (frame.Length * (double)energy));
    }

    /// <summary>
    /// <see cref="ToneShare"/> for several frequencies at once, four per pass over the frame: the four Goertzel
    /// recurrences are independent, so the processor overlaps them instead of waiting on one chain at a time.
    /// </summary>
    public static void ToneShares(ReadOnlySpan<short> frame, ReadOnlySpan<double> coefficients, long energy, Span<double> shares)
    {
        var scale = energy <= 0 ? 0 : 2 / (frame.Length * (double)energy);
        for (var first = 0; first < coefficients.Length; first += 4)
        {
            var count = Math.Min(4, coefficients.Length - first);
            var c0 = coefficients[first];
            var c1 = count > 1 ? coefficients[first + 1] : 0;
            var c2 = count > 2 ? coefficients[first + 2] : 0;
            var c3 = count > 3 ? coefficients[first + 3] : 0;
            double p0 = 0, q0 = 0, p1 = 0, q1 = 0, p2 = 0, q2 = 0, p3 = 0, q3 = 0;
            foreach (var sample in frame)
            {
                var s0 = sample + (c0 * p0) - q0;
                var s1 = sample + (c1 * p1) - q1;
                var s2 = sample + (c2 * p2) - q2;
                var s3 = sample + (c3 * p3) - q3;
                q0 = p0;
                p0 = s0;
                q1 = p1;
                p1 = s1;
                q2 = p2;
                p2 = s2;
                q3 = p3;
                p3 = s3;
            }

            shares[first] = Math.Min(1, scale * ((p0 * p0) + (q0 * q0) - (c0 * p0 * q0)));
            if (count > 1)
            {
                shares[first + 1] = Math.Min(1, scale * ((p1 * p1) + (q1 * q1) - (c1 * p1 * q1)));
            }

            if (count > 2)
            {
                shares[first + 2] = Math.Min(1, scale * ((p2 * p2) + (q2 * q2) - (c2 * p2 * q2)));
            }

            if (count > 3)
            {
                shares[first + 3] = Math.Min(1, scale * ((p3 * p3) + (q3 * q3) - (c3 * p3 * q3)));
            }
        }
    }
}
