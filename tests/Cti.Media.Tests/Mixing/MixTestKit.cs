using Cti.Media.Audio;
using Cti.Media.Mixing;

namespace Cti.Media.Tests.Mixing;

/// <summary>Test tones for who-hears-whom checks: customer 600 Hz, agent 1000 Hz, supervisor 1400 Hz (multiples of 50 Hz, so one 20 ms frame resolves them exactly).</summary>
internal static class MixTestKit
{
    public const double CustomerHz = 600;
    public const double AgentHz = 1000;
    public const double SupervisorHz = 1400;

    /// <summary>Frame <paramref name="index"/> of a continuous sine at <paramref name="frequency"/>.</summary>
    public static short[] Tone(double frequency, int index = 0, double amplitude = 8000)
    {
        var frame = new short[AudioFrameMixer.FrameSamples];
        for (var i = 0; i < frame.Length; i++)
        {
            var n = (index * frame.Length) + i;
            frame[i] = (short)Math.Round(amplitude * Math.Sin(2 * Math.PI * frequency * n / 8000));
        }

        return frame;
    }

    public static byte[] Encode(short[] samples, G711Codec codec = G711Codec.Pcmu)
    {
        var encoded = new byte[samples.Length];
        G711.Encode(codec, samples, encoded);
        return encoded;
    }

    public static short[] Decode(ReadOnlySpan<byte> encoded, G711Codec codec = G711Codec.Pcmu)
    {
        var samples = new short[encoded.Length];
        G711.Decode(codec, encoded, samples);
        return samples;
    }

    /// <summary>Which of the three test tones a buffer carries (share of the energy above a fifth).</summary>
    public static string Heard(ReadOnlySpan<short> samples)
    {
        var heard = new List<string>();
        if (Carries(samples, CustomerHz))
        {
            heard.Add("customer");
        }

        if (Carries(samples, AgentHz))
        {
            heard.Add("agent");
        }

        if (Carries(samples, SupervisorHz))
        {
            heard.Add("supervisor");
        }

        return heard.Count == 0 ? "nobody" : string.Join("+", heard);
    }

    private static bool Carries(ReadOnlySpan<short> samples, double frequency) =>
        GoertzelDetector.Rms(samples) >= 100 && GoertzelDetector.EnergyShare(samples, frequency) >= 0.2;
}
