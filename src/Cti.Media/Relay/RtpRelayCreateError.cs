namespace Cti.Media.Relay;

/// <summary>Why a relay session could not be created (answer the call with 503 or 488).</summary>
public enum RtpRelayCreateError
{
    /// <summary>Created.</summary>
    None,

    /// <summary>No free port pair in the configured range.</summary>
    PortsExhausted,

    /// <summary>Ports were free in the allocator but binding them failed repeatedly (another process holds them).</summary>
    BindFailed,
}
