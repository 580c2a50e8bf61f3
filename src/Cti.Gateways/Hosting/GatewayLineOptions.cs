using System.IO.Ports;

namespace Cti.Gateways.Hosting;

/// <summary>One gateway channel: the serial port of its module, its SIP audio endpoint and its limits.</summary>
internal sealed class GatewayLineOptions
{
    public string Name { get; set; } = "";

    public string Group { get; set; } = "default";

    /// <summary>/dev/ttyUSB0, /dev/serial/by-id/..., /dev/gsm-line1 (udev link) or COM3.</summary>
    public string PortName { get; set; } = "";

    public int BaudRate { get; set; } = 115200;

    public Parity Parity { get; set; } = Parity.None;

    public int DataBits { get; set; } = 8;

    public StopBits StopBits { get; set; } = StopBits.One;

    /// <summary>None, RequestToSend (RTS/CTS) or XOnXOff.</summary>
    public Handshake Handshake { get; set; } = Handshake.None;

    /// <summary>The SIP URI of this channel's audio on the gateway, e.g. sip:ch1@10.0.0.20.</summary>
    public string AudioEndpoint { get; set; } = "";

    /// <summary>The ACD queue that receives this line's inbound calls; none for outbound-only lines.</summary>
    public string? Queue { get; set; }

    /// <summary>Timeout of each init-sequence step.</summary>
    public TimeSpan InitTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Timeout of every other command (a dial's ringing time is separate).</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Sent when the module stops answering; AT+CFUN=1,1 reboots most GSM modules.</summary>
    public string ResetCommand { get; set; } = "AT+CFUN=1,1";

    /// <summary>How long a module needs after the reset command before it is reopened.</summary>
    public TimeSpan ResetSettleTime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Consecutive stalls (unanswered health polls or init sequences) before the line is taken out of service.</summary>
    public int MaxFailuresBeforeOutOfService { get; set; } = 3;

    public GatewayCapsOptions Caps { get; set; } = new();

    /// <summary>How often AT+CLCC is polled while a call is set up or up.</summary>
    public TimeSpan PollClccInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often signal and registration are polled; an unanswered poll counts as a stall.</summary>
    public TimeSpan HealthPollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>First delay before reopening a vanished port; doubles up to <see cref="ReopenMaxDelay"/>.</summary>
    public TimeSpan ReopenInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReopenMaxDelay { get; set; } = TimeSpan.FromSeconds(30);
}
