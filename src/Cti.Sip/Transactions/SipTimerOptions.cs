namespace Cti.Sip.Transactions;

/// <summary>RFC 3261 §17 timer base values.</summary>
public sealed class SipTimerOptions
{
    /// <summary>RTT estimate; retransmission starts here and timeouts are 64·T1. Default 500 ms.</summary>
    public TimeSpan T1 { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest retransmit interval for non-INVITE requests and INVITE responses. Default 4 s.</summary>
    public TimeSpan T2 { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>How long a message may stay in the network. Default 5 s.</summary>
    public TimeSpan T4 { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Timer D (client INVITE wait for response retransmissions over UDP). RFC 3261 asks for at least 32 s.</summary>
    public TimeSpan TimerD { get; set; } = TimeSpan.FromSeconds(32);

    /// <summary>Returns every configuration error (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (T1 <= TimeSpan.Zero)
        {
            errors.Add("T1 must be positive.");
        }

        if (T2 < T1)
        {
            errors.Add("T2 must be at least T1.");
        }

        if (T4 <= TimeSpan.Zero)
        {
            errors.Add("T4 must be positive.");
        }

        if (TimerD < TimeSpan.Zero)
        {
            errors.Add("TimerD must not be negative.");
        }

        return errors;
    }
}
