namespace Cti.Gateways.Lines;

/// <summary>One gateway channel as call control sees it: AT control over serial, audio at <see cref="AudioEndpoint"/>.</summary>
internal interface IGatewayLine
{
    string Name { get; }

    string Group { get; }

    /// <summary>The SIP URI of this channel's audio on the gateway.</summary>
    string AudioEndpoint { get; }

    /// <summary>The ACD queue for inbound calls, if any.</summary>
    string? Queue { get; }

    GatewayLineSnapshot State { get; }

    /// <summary>Up, registered, in service, idle and within its caps.</summary>
    bool IsAvailable { get; }

    /// <summary>Dials and waits until answered or failed; never much longer than <paramref name="ringTimeout"/> plus two command timeouts.</summary>
    Task<GatewayDialResult> DialAsync(string e164Number, TimeSpan ringTimeout, CancellationToken cancellationToken);

    Task<GatewayCommandResult> AnswerAsync(CancellationToken cancellationToken);

    Task<GatewayCommandResult> HangupAsync(CancellationToken cancellationToken);

    /// <summary>Sends 0-9, *, #, A-D as in-band tones on the active call.</summary>
    Task<GatewayCommandResult> SendDtmfAsync(string digits, CancellationToken cancellationToken);

    /// <summary>Raised once per inbound call, when +CLIP (or a second RING without it) arrives. Keep handlers quick.</summary>
    event EventHandler<GatewayIncomingCallEventArgs>? IncomingCall;

    /// <summary>Raised when a call that reached Ringing or Active ends, including "line-failure".</summary>
    event EventHandler<GatewayCallEndedEventArgs>? CallEnded;
}
