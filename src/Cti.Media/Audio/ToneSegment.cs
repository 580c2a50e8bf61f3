namespace Cti.Media.Audio;

/// <summary>A stretch of generated audio: up to two summed sine frequencies (0 for none), or silence when both are 0.</summary>
/// <param name="Duration">Length of the segment.</param>
/// <param name="Frequency1">First frequency in Hz, 0 for none.</param>
/// <param name="Frequency2">Second frequency in Hz, 0 for none.</param>
/// <param name="Amplitude">Peak level 0–1 of full scale.</param>
public readonly record struct ToneSegment(TimeSpan Duration, double Frequency1, double Frequency2 = 0, double Amplitude = 0.3)
{
    /// <summary>Silence of the given length.</summary>
    public static ToneSegment Silence(TimeSpan duration) => new(duration, 0);
}
