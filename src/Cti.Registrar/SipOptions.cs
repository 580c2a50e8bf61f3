namespace Cti.Registrar;

/// <summary>
/// The SIP listeners and domain, <c>Cti:Sip</c>: bound by the host, read by the registrar (its domain), trunks (their
/// profiles) and call control (the listener each leg uses).
/// </summary>
internal sealed class SipOptions
{
    public const string SectionName = "Cti:Sip";

    /// <summary>The profile softphones register with.</summary>
    public const string AgentsProfile = "agents";

    /// <summary>The SIP domain of the addresses-of-record (sip:1001@cti.local).</summary>
    public string Domain { get; set; } = "cti.local";

    /// <summary>Named listeners (agents, later trunks); each has its own address, port and transports.</summary>
    public IDictionary<string, SipProfileOptions> Profiles { get; } =
        new Dictionary<string, SipProfileOptions>(StringComparer.OrdinalIgnoreCase);

    public SipTimersOptions Timers { get; set; } = new();
}
