namespace Cti.Media.Relay;

/// <summary>What <see cref="RtpSourceLatch.Accept"/> decided.</summary>
internal enum RtpLatchDecision
{
    /// <summary>From the latched source.</summary>
    Accepted,

    /// <summary>Accepted and now the send target.</summary>
    Latched,

    /// <summary>From an unexpected source; dropped.</summary>
    Rejected,
}
