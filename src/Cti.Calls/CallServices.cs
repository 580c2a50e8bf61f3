using System.Net;
using Cti.Gateways.Lines;
using Cti.Cdrs;
using Cti.Events;
using Cti.Acd;
using Cti.Trunks;
using Cti.Media.Hosting;
using Cti.Media.Recording;
using Cti.Media.Relay;
using Cti.Routing.Engine;
using Cti.Sip.Stack;
using Microsoft.Extensions.Options;

namespace Cti.Calls;

/// <summary>Everything a call needs from the service, gathered once so calls stay cheap to create.</summary>
internal sealed class CallServices(
    SipStack stack,
    Cti.Gateways.Lines.IGatewayLineRegistry gateways,
    AcdEngine acd,
    RoutingConfigState routing,
    IEventPublisher events,
    ICdrWriter cdrs,
    CdrWrapUpCodes wrapUps,
    CallMetrics metrics,
    AgentContactResolver contacts,
    CallListeners listeners,
    TrunkDirectory trunks,
    RtpPortAllocator ports,
    RtpRelayOptions relayOptions,
    CallRecordingOptions recording,
    PromptLibrary prompts,
    Cti.Numbers.PhoneNumberNormalizer numbers,
    IOptions<MediaOptions> media,
    IOptions<CallsOptions> calls,
    TimeProvider time,
    ILoggerFactory loggers)
{
    public SipStack Stack => stack;

    /// <summary>The serial gateway lines, when the service has them registered.</summary>
    /// <summary>The serial gateway lines (an empty registry where none is configured).</summary>
    public Cti.Gateways.Lines.IGatewayLineRegistry Gateways => gateways;

    /// <summary>E.164 in the service's default region: gateway lines and agents' dialled numbers.</summary>
    public Cti.Numbers.PhoneNumberNormalizer Numbers => numbers;

    public AcdEngine Acd => acd;

    public RoutingConfigState Routing => routing;

    public IEventPublisher Events => events;

    public ICdrWriter Cdrs => cdrs;

    public CdrWrapUpCodes WrapUps => wrapUps;

    public CallMetrics Metrics => metrics;

    public AgentContactResolver Contacts => contacts;

    public CallListeners Listeners => listeners;

    public TrunkDirectory Trunks => trunks;

    public RtpPortAllocator Ports => ports;

    public RtpRelayOptions RelayOptions => relayOptions;

    public CallRecordingOptions Recording => recording;

    public PromptLibrary Prompts => prompts;

    public IPAddress MediaAddress { get; } = IPAddress.Parse(media.Value.Address);

    public CallsOptions Options => calls.Value;

    public TimeProvider Time => time;

    public ILogger<CallSession> Logger { get; } = loggers.CreateLogger<CallSession>();

    public ILogger<RtpRelaySession> RelayLogger { get; } = loggers.CreateLogger<RtpRelaySession>();
}
