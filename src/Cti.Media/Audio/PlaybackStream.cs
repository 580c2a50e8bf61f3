using Cti.Media.Relay;
using Cti.Media.Rtp;

namespace Cti.Media.Audio;

/// <summary>The relay's own outgoing RTP stream toward one leg (prompts, music on hold). State guarded by <see cref="Gate"/>.</summary>
internal sealed class PlaybackStream
{
    public PlaybackStream(RtpRelayLeg leg, uint ssrc, ushort sequence, uint timestamp, int samplesPerFrame)
    {
        Leg = leg;
        Ssrc = ssrc;
        Sequence = sequence;
        Timestamp = timestamp;
        SamplesPerFrame = samplesPerFrame;
        Packet = new byte[RtpHeader.FixedSize + samplesPerFrame];
    }

    public object Gate { get; } = new();

    public RtpRelayLeg Leg { get; }

    public uint Ssrc { get; }

    public ushort Sequence { get; set; }

    public uint Timestamp { get; set; }

    public int SamplesPerFrame { get; }

    public byte[] Packet { get; }

    public IRtpPayloadSource? Source { get; set; }

    public ITimer? Timer { get; set; }

    public long StartedAt { get; set; }

    public long FramesSent { get; set; }

    public long LastFrameAt { get; set; }

    public bool MarkNext { get; set; }

    private volatile bool _active;

    public bool Active
    {
        get => _active;
        set => _active = value;
    }
}
