namespace Cti.Media.Rtp;

/// <summary>
/// Turns one source's stream of RFC 4733 packets into one report when an event starts and one when it ends: an event
/// is identified by its RTP timestamp, and its end is sent three times. Single writer (the source's receive loop).
/// </summary>
internal sealed class TelephoneEventTracker
{
    private bool _seen;
    private uint _lastTimestamp;
    private bool _endReported;

    /// <summary>True when this packet is worth reporting, with <paramref name="isEnd"/> telling start from end.</summary>
    public bool TryTrack(uint timestamp, bool end, out bool isEnd)
    {
        isEnd = end;
        var isNew = !_seen || timestamp != _lastTimestamp;
        if (isNew)
        {
            _seen = true;
            _lastTimestamp = timestamp;
            _endReported = false;
            if (!end)
            {
                return true;
            }
        }

        if (end && !_endReported)
        {
            _endReported = true;
            return true;
        }

        return false;
    }
}
