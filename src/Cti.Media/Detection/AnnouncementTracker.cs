namespace Cti.Media.Detection;

/// <summary>
/// Counts speech-like early media: voiced frames that are not a steady tone, the bursts they form and how often the
/// level jumps between frames. A recorded announcement ("the number you dialled does not exist", "您拨打的号码是空号")
/// has many bursts and a restless level; ringback tones have one steady burst per ring.
/// </summary>
internal sealed class AnnouncementTracker
{
    private const double JumpDecibels = 3;

    private readonly int _minimumBurstFrames;
    private readonly int _betweenBurstsFrames;
    private int _run;
    private int _silence;
    private bool _inBurst;
    private double _previousDecibels;
    private bool _previousVoiced;

    public AnnouncementTracker(int minimumBurstFrames, int betweenBurstsFrames)
    {
        _minimumBurstFrames = minimumBurstFrames;
        _betweenBurstsFrames = betweenBurstsFrames;
    }

    /// <summary>Speech-like frames so far.</summary>
    public int SpeechFrames { get; private set; }

    /// <summary>Speech-like frames whose level jumped from the frame before.</summary>
    public int JumpFrames { get; private set; }

    /// <summary>Bursts of speech-like frames so far.</summary>
    public int Bursts { get; private set; }

    /// <summary>Adds a frame: <paramref name="speechLike"/> when voiced and not tonal.</summary>
    public void Add(bool speechLike, double decibels)
    {
        if (speechLike)
        {
            SpeechFrames++;
            if (_previousVoiced && Math.Abs(decibels - _previousDecibels) >= JumpDecibels)
            {
                JumpFrames++;
            }

            _silence = 0;
            if (++_run >= _minimumBurstFrames && !_inBurst)
            {
                _inBurst = true;
                Bursts++;
            }
        }
        else if (++_silence >= _betweenBurstsFrames)
        {
            _run = 0;
            _inBurst = false;
        }

        _previousVoiced = speechLike;
        _previousDecibels = decibels;
    }

    public void Reset()
    {
        SpeechFrames = JumpFrames = Bursts = _run = _silence = 0;
        _inBurst = _previousVoiced = false;
        _previousDecibels = 0;
    }
}
