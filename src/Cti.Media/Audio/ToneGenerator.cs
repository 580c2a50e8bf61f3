namespace Cti.Media.Audio;

/// <summary>
/// Synthesises 8 kHz audio so a fresh installation has a queue announcement tone and music on hold without any
/// external tool. Segments get 5 ms fades so joins do not click.
/// </summary>
public static class ToneGenerator
{
    /// <summary>Sample rate of generated audio.</summary>
    public const int SampleRate = 8000;

    private const int FadeSamples = 40;

    /// <summary>Renders <paramref name="segments"/> one after another as 16-bit samples.</summary>
    public static short[] Render(IEnumerable<ToneSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var output = new List<short>();
        foreach (var segment in segments)
        {
            var count = (int)(segment.Duration.TotalSeconds * SampleRate);
            var amplitude = Math.Clamp(segment.Amplitude, 0, 1) * short.MaxValue;
            var voices = (segment.Frequency1 > 0 ? 1 : 0) + (segment.Frequency2 > 0 ? 1 : 0);
            for (var i = 0; i < count; i++)
            {
                double value = 0;
                if (voices > 0)
                {
                    var t = (double)i / SampleRate;
                    if (segment.Frequency1 > 0)
                    {
                        value += Math.Sin(2 * Math.PI * segment.Frequency1 * t);
                    }

                    if (segment.Frequency2 > 0)
                    {
                        value += Math.Sin(2 * Math.PI * segment.Frequency2 * t);
                    }

                    var fade = Math.Min(1.0, Math.Min(i, count - 1 - i) / (double)FadeSamples);
                    value = value / voices * amplitude * fade;
                }

                output.Add((short)Math.Round(value));
            }
        }

        return [.. output];
    }

    /// <summary>A gentle two-note chime followed by a pause (queue announcement fallback), about 3 s.</summary>
    public static short[] ComfortTone() => Render(
    [
        new ToneSegment(TimeSpan.FromMilliseconds(400), 660),
        new ToneSegment(TimeSpan.FromMilliseconds(600), 523.25),
        ToneSegment.Silence(TimeSpan.FromSeconds(2)),
    ]);

    /// <summary>A simple looping melody with a soft fifth underneath (music on hold fallback), about 8 s.</summary>
    public static short[] HoldMelody()
    {
        // C major arpeggios, a bar each on C, A minor, F and G.
        double[][] bars =
        [
            [261.63, 329.63, 392.00, 329.63],
            [220.00, 261.63, 329.63, 261.63],
            [174.61, 220.00, 261.63, 220.00],
            [196.00, 246.94, 293.66, 246.94],
        ];
        var segments = new List<ToneSegment>();
        foreach (var bar in bars)
        {
            foreach (var note in bar)
            {
                segments.Add(new ToneSegment(TimeSpan.FromMilliseconds(450), note * 2, note, 0.25));
                segments.Add(ToneSegment.Silence(TimeSpan.FromMilliseconds(50)));
            }
        }

        return Render(segments);
    }

    /// <summary>Writes samples as an 8 kHz mono WAV in <paramref name="encoding"/>.</summary>
    public static void WriteWav(string path, ReadOnlySpan<short> samples, WavEncoding encoding = WavEncoding.MuLaw)
    {
        using var writer = new WavWriter(File.Create(path), new WavFormat(encoding, SampleRate, 1));
        writer.WriteSamples(samples);
    }
}
