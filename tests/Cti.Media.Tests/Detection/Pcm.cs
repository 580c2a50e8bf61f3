namespace Cti.Media.Tests.Detection;

/// <summary>Synthesised 8 kHz test audio in C#, for edge cases that need no external tool.</summary>
internal static class Pcm
{
    private const int Rate = 8000;

    public static short[] Silence(int milliseconds) => new short[milliseconds * Rate / 1000];

    public static short[] Tone(int milliseconds, double frequency, double amplitude = 8000)
    {
        var samples = new short[milliseconds * Rate / 1000];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)(amplitude * Math.Sin(2 * Math.PI * frequency * i / Rate));
        }

        return samples;
    }

    /// <summary>White noise of about <paramref name="rms"/>, deterministic per <paramref name="seed"/>.</summary>
    public static short[] Noise(int milliseconds, double rms, int seed = 1)
    {
        var random = new Random(seed);
        var samples = new short[milliseconds * Rate / 1000];
        for (var i = 0; i < samples.Length; i++)
        {
            // Uniform noise in ±a has RMS a/√3.
            samples[i] = (short)((random.NextDouble() * 2 - 1) * rms * Math.Sqrt(3));
        }

        return samples;
    }

    /// <summary>
    /// A spoken-word stand-in: a 10-harmonic voice at <paramref name="pitch"/> Hz under a syllable envelope (4 Hz), so
    /// no single frequency dominates and the level moves like speech.
    /// </summary>
    public static short[] Word(int milliseconds, double pitch = 140, double amplitude = 6000)
    {
        var samples = new short[milliseconds * Rate / 1000];
        for (var i = 0; i < samples.Length; i++)
        {
            var t = (double)i / Rate;
            double voice = 0;
            for (var k = 1; k <= 10; k++)
            {
                voice += Math.Sin(2 * Math.PI * k * pitch * t) / k;
            }

            var edge = Math.Min(1, Math.Min(i, samples.Length - 1 - i) / 160.0);
            var syllable = 0.55 + (0.45 * Math.Cos(2 * Math.PI * 4 * t));
            samples[i] = (short)Math.Clamp(amplitude * 0.5 * voice * edge * syllable, short.MinValue, short.MaxValue);
        }

        return samples;
    }

    public static short[] Join(params short[][] parts) => [.. parts.SelectMany(p => p)];

    /// <summary>Adds <paramref name="noise"/> (same length or longer) to <paramref name="signal"/>, saturating.</summary>
    public static short[] Mix(short[] signal, short[] noise) =>
        [.. signal.Select((s, i) => (short)Math.Clamp(s + (i < noise.Length ? noise[i] : 0), short.MinValue, short.MaxValue))];

    /// <summary>Amplifies by <paramref name="gain"/> and clips at full scale, as an overdriven line does.</summary>
    public static short[] Clip(short[] signal, double gain) =>
        [.. signal.Select(s => (short)Math.Clamp(s * gain, short.MinValue, short.MaxValue))];
}
