namespace Cti.Interop.Tests.Calls;

/// <summary>
/// How loud one frequency is in a stretch of a 16-bit PCM WAV (a phone's played audio, a recording), by the Goertzel
/// algorithm: tells which phone's tone a party heard.
/// </summary>
internal static class WavTone
{
    /// <summary>The amplitude (0–32768) of <paramref name="hz"/> in <paramref name="channel"/> between two times.</summary>
    public static double Amplitude(string path, double fromSeconds, double toSeconds, double hz, int channel = 0)
    {
        var bytes = File.ReadAllBytes(path);
        var (data, length, channels, rate) = Layout(bytes);
        var frame = channels * 2;
        var first = Math.Max(0, (int)(fromSeconds * rate));
        var last = Math.Min(length / frame, (int)(toSeconds * rate));
        var n = last - first;
        if (n < rate / 10)
        {
            return 0;
        }

        var coefficient = 2 * Math.Cos(2 * Math.PI * hz / rate);
        double s1 = 0, s2 = 0;
        for (var i = first; i < last; i++)
        {
            double x = BitConverter.ToInt16(bytes, data + (i * frame) + (channel * 2));
            var s0 = x + (coefficient * s1) - s2;
            s2 = s1;
            s1 = s0;
        }

        var power = (s1 * s1) + (s2 * s2) - (coefficient * s1 * s2);
        return 2 * Math.Sqrt(Math.Max(0, power)) / n;
    }

    /// <summary>The file's length in seconds.</summary>
    public static double Seconds(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var (_, length, channels, rate) = Layout(bytes);
        return length / (double)(channels * 2 * rate);
    }

    /// <summary>Where the samples of a 16-bit PCM WAV are: data offset, length in bytes, channels, sample rate.</summary>
    public static (int Data, int Length, int Channels, int Rate) Layout(byte[] bytes)
    {
        Assert.True(bytes.Length >= 44, "not a WAV file");
        int channels = 1, rate = 8000;
        var at = 12;
        while (at + 8 <= bytes.Length)
        {
            var id = System.Text.Encoding.ASCII.GetString(bytes, at, 4);
            var size = BitConverter.ToInt32(bytes, at + 4);
            if (id == "fmt ")
            {
                channels = BitConverter.ToInt16(bytes, at + 10);
                rate = BitConverter.ToInt32(bytes, at + 12);
                Assert.Equal(16, BitConverter.ToInt16(bytes, at + 22));
            }
            else if (id == "data")
            {
                // A file still being written may claim more (or zero) data than is there.
                var available = bytes.Length - (at + 8);
                return (at + 8, size <= 0 || size > available ? available : size, channels, rate);
            }

            at += 8 + size + (size & 1);
        }

        throw new InvalidDataException("no data chunk");
    }
}
