namespace Cti.ModemSimulator;

/// <summary>The simulated module's one call, as +CLCC reports it.</summary>
internal sealed class SimulatedCall(bool outgoing, string number, int stat)
{
    public bool Outgoing { get; } = outgoing;

    public string Number { get; } = number;

    /// <summary>0 active, 2 dialling, 3 alerting, 4 incoming.</summary>
    public int Stat { get; set; } = stat;

    public string ToClcc() => $"+CLCC: 1,{(Outgoing ? 0 : 1)},{Stat},0,0,\"{Number}\",{(Number.StartsWith('+') ? 145 : 129)}";
}
