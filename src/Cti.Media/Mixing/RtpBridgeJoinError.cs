namespace Cti.Media.Mixing;

/// <summary>Why a party could not join a <see cref="RtpMixingBridge"/>.</summary>
public enum RtpBridgeJoinError
{
    /// <summary>Joined.</summary>
    None,

    /// <summary>Every participant slot of the bridge is taken.</summary>
    BridgeFull,

    /// <summary>No free port pair in the configured range.</summary>
    PortsExhausted,

    /// <summary>Ports were free in the allocator but binding them failed repeatedly.</summary>
    BindFailed,

    /// <summary>The relay's legs are already in a bridge.</summary>
    RelayInUse,
}
