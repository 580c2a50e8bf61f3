namespace Cti.Media.Detection;

/// <summary>
/// The quietest frame level of the last second or so, the line's noise floor: a fixed energy threshold alone calls a
/// hissing line "speech" from the first frame, which reads every noisy live answer as a long greeting. Minimum over a
/// sliding window rather than a smoothed average, because speech pauses reach the floor quickly while the floor must
/// not climb with a long word. The window is a fixed ring, allocated once.
/// </summary>
internal sealed class NoiseFloorTracker
{
    private readonly double[] _window;
    private int _next;
    private int _filled;

    public NoiseFloorTracker(int windowFrames) => _window = new double[Math.Max(1, windowFrames)];

    /// <summary>Lowest RMS in the window, 0 before the first frame (the fixed threshold then applies alone).</summary>
    public double Floor { get; private set; }

    /// <summary>Adds a frame's RMS; <see cref="Floor"/> covers frames up to and including it.</summary>
    public void Add(double rms)
    {
        _window[_next] = rms;
        _next = (_next + 1) % _window.Length;
        _filled = Math.Min(_filled + 1, _window.Length);
        var floor = double.MaxValue;
        for (var i = 0; i < _filled; i++)
        {
            floor = Math.Min(floor, _window[i]);
        }

        Floor = floor;
    }

    public void Reset()
    {
        _next = 0;
        _filled = 0;
        Floor = 0;
    }
}
