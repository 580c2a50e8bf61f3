namespace Cti.Registrar;

/// <summary>RFC 3261 base timers; every transaction timer derives from these.</summary>
internal sealed class SipTimersOptions
{
    public TimeSpan T1 { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan T2 { get; set; } = TimeSpan.FromSeconds(4);

    public TimeSpan T4 { get; set; } = TimeSpan.FromSeconds(5);
}
