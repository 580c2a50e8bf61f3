namespace Cti.Gateways.At;

internal enum AtResponseStatus
{
    /// <summary>A final result code arrived.</summary>
    Completed,

    /// <summary>No final result code within the command's timeout.</summary>
    TimedOut,

    /// <summary>The port failed or closed while the command was pending.</summary>
    PortFailed,

    Cancelled,
}
