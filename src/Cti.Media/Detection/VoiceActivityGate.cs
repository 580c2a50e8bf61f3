namespace Cti.Media.Detection;

/// <summary>
/// Voice or silence for one frame: above a fixed threshold and a margin above the line's noise floor as it stood
/// before this frame (so a loud first frame is not its own floor).
/// </summary>
internal sealed class VoiceActivityGate
{
    private readonly double _threshold;
    private readonly double _marginFactor;
    private readonly NoiseFloorTracker _noise;

    public VoiceActivityGate(int silenceThreshold, double marginDecibels, int windowFrames)
    {
        _threshold = silenceThreshold;
        _marginFactor = Math.Pow(10, marginDecibels / 20);
        _noise = new NoiseFloorTracker(windowFrames);
    }

    /// <summary>The current noise floor (RMS).</summary>
    public double NoiseFloor => _noise.Floor;

    /// <summary>Classifies a frame of <paramref name="rms"/> and adds it to the noise floor.</summary>
    public bool IsVoice(double rms)
    {
        var voice = rms >= _threshold && rms >= _noise.Floor * _marginFactor;
        _noise.Add(rms);
        return voice;
    }

    public void Reset() => _noise.Reset();
}
