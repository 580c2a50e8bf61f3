namespace Cti.Media.Relay;

/// <summary>The two sides of a relayed call.</summary>
public enum RtpRelayLegId
{
    /// <summary>The caller side (carrier trunk). Recorded on the left channel.</summary>
    A,

    /// <summary>The agent side (softphone). Recorded on the right channel.</summary>
    B,
}
