namespace Cti.ModemSimulator;

public enum StallMode
{
    None,

    /// <summary>Ignores every command until the reset command arrives.</summary>
    UntilReset,

    /// <summary>Ignores every command, the reset command included.</summary>
    Forever,
}
