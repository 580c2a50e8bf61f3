using System.Net;
using Cti.Events;
using Cti.Registrar;
using Cti.Sip.Dialogs;
using Cti.Sip.Messages;
using Cti.Sip.Stack;
using Cti.Sip.Transport;

namespace Cti.Trunks;

/// <summary>
/// Answers everything that arrives on a trunk profile's listeners: sources outside every trunk's AllowFrom get 403,
/// REGISTER 405, OPTIONS 200, and INVITE is matched to a DID; a routable INVITE goes to call control through
/// <see cref="TryTakeAsync"/>.
/// </summary>
internal sealed partial class TrunkRequestHandler : ISipEndPointRequestHandler
{
    public const string CallControlUnavailable = "Call control not available";

    public static readonly IReadOnlyList<string> ServedMethods =
        [SipMethods.Invite, SipMethods.Ack, SipMethods.Bye, SipMethods.Cancel, SipMethods.Options, SipMethods.Info, SipMethods.Notify];

    private readonly TrunkDirectory _directory;
    private readonly TrunkMetrics _metrics;
    private readonly ILogger<TrunkRequestHandler> _logger;
    private readonly (string Profile, IPAddress Address, int Port)[] _listeners;
    private readonly ITrunkCallAcceptor? _acceptor;

    public TrunkRequestHandler(TrunkDirectory directory, SipOptions sip, TrunkMetrics metrics, ILogger<TrunkRequestHandler> logger, ITrunkCallAcceptor? acceptor = null)
    {
        ArgumentNullException.ThrowIfNull(sip);
        _acceptor = acceptor;
        _directory = directory;
        _metrics = metrics;
        _logger = logger;
        _listeners = sip.Profiles
            .Where(p => directory.IsTrunkProfile(p.Key))
            .Select(p => (p.Key, IPAddress.Parse(p.Value.Address), p.Value.Port))
            .ToArray();
    }

    public bool Claims(IPEndPoint local) => ProfileOf(local) is not null;

    /// <summary>
    /// Hands a new INVITE from an allowed source to a known DID to call control, which answers it. False for
    /// everything else (answered by <see cref="HandleAsync"/>).
    /// </summary>
    public async ValueTask<bool> TryTakeAsync(SipServerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (_acceptor is null || request.Method != SipMethods.Invite || request.To?.Tag is not null)
        {
            return false;
        }

        var profile = context.Source.Local is null ? null : ProfileOf(context.Source.Local);
        var trunk = profile is null ? null : _directory.Find(profile, context.Source.Remote.Address);
        var route = trunk is null ? null : Route(request, trunk);
        if (route is null)
        {
            return false;
        }

        await _acceptor.AcceptAsync(context, route, cancellationToken);
        return true;
    }

    public Task<SipResponse?> HandleAsync(SipRequest request, SipEndPoint source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(source);
        return Task.FromResult(Handle(request, source));
    }

    private SipResponse? Handle(SipRequest request, SipEndPoint source)
    {
        if (request.Method == SipMethods.Ack)
        {
            return null;
        }

        var profile = source.Local is null ? null : ProfileOf(source.Local);
        var trunk = profile is null ? null : _directory.Find(profile, source.Remote.Address);
        if (trunk is null)
        {
            _metrics.Rejected(TrunkRejectReasons.SourceNotAllowed);
            Log.SourceRejected(_logger, source.Remote.Address, profile ?? "(none)");
            return SipResponseFactory.Create(request, 403, "Forbidden", SipDialog.NewTag());
        }

        if (request.Method == SipMethods.Register)
        {
            _metrics.Rejected(TrunkRejectReasons.RegisterNotAllowed);
            var notAllowed = SipResponseFactory.Create(request, 405, "Method Not Allowed", SipDialog.NewTag());
            notAllowed.Headers.Add(SipHeaderNames.Allow, string.Join(", ", ServedMethods));
            return notAllowed;
        }

        // No dialogs exist yet: anything that claims to belong to one refers to nothing (RFC 3261 12.2.2).
        if (request.To?.Tag is not null)
        {
            return SipResponseFactory.Create(request, 481, null, SipDialog.NewTag());
        }

        return request.Method switch
        {
            SipMethods.Options => Options(request),
            SipMethods.Invite => Invite(request, trunk),
            _ => SipResponseFactory.Create(request, 481, null, SipDialog.NewTag()),
        };
    }

    private static SipResponse Options(SipRequest request)
    {
        var response = SipResponseFactory.Create(request, 200, null, SipDialog.NewTag());
        response.Headers.Add(SipHeaderNames.Allow, string.Join(", ", ServedMethods));
        response.Headers.Add(SipHeaderNames.Accept, "application/sdp");
        return response;
    }

    private SipResponse Invite(SipRequest request, TrunkConfig trunk)
    {
        if (Route(request, trunk) is null)
        {
            return SipResponseFactory.Create(request, 404, "Not Found", SipDialog.NewTag());
        }

        // Only without call control (unit tests of the screening): a clear, retryable refusal.
        return SipResponseFactory.Create(request, 480, CallControlUnavailable, SipDialog.NewTag());
    }

    /// <summary>The DID's queue and the normalised caller, or null (counted and logged) for an unknown DID.</summary>
    private TrunkInviteRoute? Route(SipRequest request, TrunkConfig trunk)
    {
        var did = DidRouter.DialledNumber(request);
        if (!trunk.Dids.TryRoute(did, out var queue))
        {
            _metrics.Rejected(TrunkRejectReasons.UnknownDid);
            if (_logger.IsEnabled(LogLevel.Information))
            {
                var masked = Cti.Numbers.PhoneNumberMask.Mask(did) ?? "(none)";
                Log.UnknownDid(_logger, trunk.Name, masked);
            }

            return null;
        }

        var caller = trunk.Numbers.ToE164(CallerNumberReader.Read(request));
        if (_logger.IsEnabled(LogLevel.Information))
        {
            var masked = Cti.Numbers.PhoneNumberMask.Mask(caller) ?? "unknown";
            Log.InboundCall(_logger, trunk.Name, did!, queue, masked);
        }

        return new TrunkInviteRoute(trunk, did!, queue, caller, request.From?.DisplayName);
    }

    private string? ProfileOf(IPEndPoint local)
    {
        foreach (var (profile, address, port) in _listeners)
        {
            if (port == local.Port && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(local.Address)))
            {
                return profile;
            }
        }

        return null;
    }
}
