namespace Cti.Calls.Legs;

/// <summary>
/// The o= version of one side of the relay: every offer or answer on that side counts up, whichever leg it goes to,
/// because the relay's session on that side stays the same while callees come and go.
/// </summary>
internal sealed class SdpSessionVersion(ulong start = 0)
{
    private ulong _version = start;

    public ulong Next() => ++_version;
}
