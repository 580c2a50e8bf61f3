namespace Cti.Trunks;

/// <summary>
/// <c>Cti:Trunks:n:Registration</c>: register with the carrier as <c>User</c> (see Trunks/Registration). The retry and
/// circuit-breaker keys have defaults suited to a carrier registrar; the password never appears in logs.
/// </summary>
internal sealed class TrunkRegistrationOptions
{
    public string User { get; set; } = string.Empty;

    public string Password { get; set; } = string.Empty;

    /// <summary>Requested binding lifetime in seconds (the carrier may grant less or ask for more).</summary>
    public int Expires { get; set; } = 3600;

    /// <summary>Registrar domain for the Request-URI and To/From; empty means the peer's address (host:port).</summary>
    public string? Domain { get; set; }

    /// <summary>Retries after a timeout or transport error, each to the next peer. Zero turns retries off.</summary>
    public int RetryAttempts { get; set; } = 3;

    /// <summary>First retry delay; doubles per retry, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Upper bound of a retry delay, and the wait before a new round after a round failed.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Failed tries in a row (within ten minutes) after which registration pauses for BreakDuration.</summary>
    public int BreakAfterFailures { get; set; } = 5;

    /// <summary>How long the circuit stays open: no REGISTER is sent to the trunk meanwhile.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromMinutes(5);
}
