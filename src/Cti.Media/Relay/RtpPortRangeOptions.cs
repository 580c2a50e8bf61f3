namespace Cti.Media.Relay;

/// <summary>The UDP port range the relay allocates RTP/RTCP pairs from (bound from configuration section <c>Media:Ports</c>).</summary>
public sealed class RtpPortRangeOptions
{
    /// <summary>First port of the range; must be even. Default 20000.</summary>
    public int MinPort { get; set; } = 20000;

    /// <summary>Last port of the range (inclusive). Default 29999, i.e. 5000 pairs, 2500 relayed calls.</summary>
    public int MaxPort { get; set; } = 29999;

    /// <summary>Returns every configuration error (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MinPort is < 1024 or > 65534)
        {
            errors.Add("MinPort must be between 1024 and 65534.");
        }

        if (MinPort % 2 != 0)
        {
            errors.Add("MinPort must be even (RTP on even ports, RTCP on the next odd one).");
        }

        if (MaxPort > 65535)
        {
            errors.Add("MaxPort must be at most 65535.");
        }

        if (MaxPort < MinPort + 1)
        {
            errors.Add("MaxPort must leave room for at least one RTP/RTCP pair above MinPort.");
        }

        return errors;
    }
}
