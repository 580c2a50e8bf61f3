using Cti.Sip.Parsing;

namespace Cti.Sip.Transport;

/// <summary>Socket-level settings.</summary>
public sealed class SipTransportOptions
{
    /// <summary>TCP connections with no traffic for this long are closed. Default 5 minutes.</summary>
    public TimeSpan TcpIdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Outbound TCP connect timeout. Default 5 seconds.</summary>
    public TimeSpan TcpConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Most TCP connections kept at once; further accepts are refused. Default 10 000.</summary>
    public int MaxTcpConnections { get; set; } = 10_000;

    /// <summary>Parser limits applied to every datagram and stream.</summary>
    public SipParserLimits ParserLimits { get; set; } = SipParserLimits.Default;

    /// <summary>Returns every configuration error (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (TcpIdleTimeout < TimeSpan.FromSeconds(1))
        {
            errors.Add("TcpIdleTimeout must be at least 1 second.");
        }

        if (TcpConnectTimeout <= TimeSpan.Zero)
        {
            errors.Add("TcpConnectTimeout must be positive.");
        }

        if (MaxTcpConnections < 1)
        {
            errors.Add("MaxTcpConnections must be at least 1.");
        }

        if (ParserLimits is null)
        {
            errors.Add("ParserLimits is required.");
        }
        else
        {
            errors.AddRange(ParserLimits.Validate());
        }

        return errors;
    }
}
