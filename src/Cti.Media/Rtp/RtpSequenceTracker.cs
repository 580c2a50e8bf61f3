namespace Cti.Media.Rtp;

/// <summary>Counts packets lost from RTP sequence-number gaps (RFC 3550 Appendix A.1, simplified). Single writer.</summary>
internal sealed class RtpSequenceTracker
{
    private const int MaxDropout = 3000;
    private const int MaxMisorder = 100;
    private bool _started;
    private uint _ssrc;
    private ushort _highest;
    private long _lost;

    public long Lost => Volatile.Read(ref _lost);

    public void Track(uint ssrc, ushort sequence)
    {
        if (!_started || ssrc != _ssrc)
        {
            // A new source (or the first packet) starts a fresh sequence space.
            _started = true;
            _ssrc = ssrc;
            _highest = sequence;
            return;
        }

        var ahead = (ushort)(sequence - _highest);
        if (ahead == 0)
        {
            return; // duplicate
        }

        if (ahead < 0x8000)
        {
            if (ahead <= MaxDropout)
            {
                Interlocked.Add(ref _lost, ahead - 1);
            }

            _highest = sequence;
            return;
        }

        // Behind the highest: a late packet already counted as lost.
        var behind = (ushort)(_highest - sequence);
        if (behind <= MaxMisorder && Volatile.Read(ref _lost) > 0)
        {
            Interlocked.Decrement(ref _lost);
        }
    }
}
