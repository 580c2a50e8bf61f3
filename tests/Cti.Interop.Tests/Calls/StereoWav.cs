namespace Cti.Interop.Tests.Calls;

/// <summary>Reads a 16-bit PCM stereo WAV (the service's recordings) and measures each channel.</summary>
internal static class StereoWav
{
    /// <summary>The sum of squared samples of the left and right channels.</summary>
    public static (double Left, double Right) ChannelEnergy(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var (data, length, channels, bits) = Locate(bytes);
        Assert.Equal(2, channels);
        Assert.Equal(16, bits);
        double left = 0, right = 0;
        for (var i = data; i + 3 < data + length && i + 3 < bytes.Length; i += 4)
        {
            double l = BitConverter.ToInt16(bytes, i);
            double r = BitConverter.ToInt16(bytes, i + 2);
            left += l * l;
            right += r * r;
        }

        return (left, right);
    }

    /// <summary>The sum of squared samples of each channel between two times (seconds from the file's start, 8 kHz).</summary>
    public static (double Left, double Right) ChannelEnergy(string path, double fromSeconds, double toSeconds)
    {
        var bytes = File.ReadAllBytes(path);
        var (data, length, _, _) = Locate(bytes);
        var start = data + ((int)(fromSeconds * 8000) * 4);
        var end = Math.Min(data + length, data + ((int)(toSeconds * 8000) * 4));
        double left = 0, right = 0;
        for (var i = start; i + 3 < end && i + 3 < bytes.Length; i += 4)
        {
            double l = BitConverter.ToInt16(bytes, i);
            double r = BitConverter.ToInt16(bytes, i + 2);
            left += l * l;
            right += r * r;
        }

        return (left, right);
    }

    private static (int Data, int Length, int Channels, int Bits) Locate(byte[] bytes)
    {
        var (data, length, channels, _) = WavTone.Layout(bytes);
        return (data, length, channels, 16);
    }
}
