namespace Cti.Gateways.At;

/// <summary>One +CLCC row. Stat: 0 active, 1 held, 2 dialling, 3 alerting, 4 incoming, 5 waiting.</summary>
internal readonly record struct ClccEntry(int Index, bool IsOutgoing, int Stat, string? Number)
{
    public const int Active = 0;
    public const int Dialling = 2;
    public const int Alerting = 3;
    public const int Incoming = 4;
}
