namespace Cti.Media.Detection;

/// <summary>
/// The unit both detectors work in: 20 ms of 8 kHz linear PCM. Time is counted in frames, never read from a clock, so a
/// recording replayed gives the same decision at the same point.
/// </summary>
public static class DetectionFrame
{
    /// <summary>Samples per second.</summary>
    public const int SampleRate = 8000;

    /// <summary>Samples in one frame.</summary>
    public const int Samples = 160;

    /// <summary>Milliseconds in one frame.</summary>
    public const int Milliseconds = 20;

    /// <summary>Whole frames needed to cover <paramref name="milliseconds"/> (rounded up, at least one).</summary>
    public static int FromMilliseconds(int milliseconds) => Math.Max(1, (milliseconds + Milliseconds - 1) / Milliseconds);
}
