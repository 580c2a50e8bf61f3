namespace Cti.Platform.Security;

/// <summary>Failed-authentication limits per source IP address.</summary>
internal sealed class BanOptions
{
    public int MaxFailures { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(10);
}
