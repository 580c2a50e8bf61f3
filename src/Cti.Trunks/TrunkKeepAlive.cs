using System.Security.Cryptography;
using Cti.Registrar;
using Cti.Sip.Messages;
using Cti.Sip.Stack;
using Cti.Sip.Transport;

namespace Cti.Trunks;

/// <summary>
/// Sends OPTIONS to each trunk's peers every OptionsInterval (one loop per trunk, each with its own period) and
/// marks the trunk up when any peer gives a final answer other than the stack's timeout/unreachable codes.
/// </summary>
internal sealed partial class TrunkKeepAlive : BackgroundService
{
    private readonly SipStack _stack;
    private readonly TrunkDirectory _directory;
    private readonly TrunkState _state;
    private readonly TrunkMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly string _domain;
    private readonly ILogger<TrunkKeepAlive> _logger;

    public TrunkKeepAlive(SipStack stack, TrunkDirectory directory, TrunkState state, TrunkMetrics metrics, TimeProvider time, string domain, ILogger<TrunkKeepAlive> logger)
    {
        _stack = stack;
        _directory = directory;
        _state = state;
        _metrics = metrics;
        _time = time;
        _domain = domain;
        _logger = logger;
    }

    public static SipRequest CreateKeepAlive(SipEndPoint peer, string domain)
    {
        ArgumentNullException.ThrowIfNull(peer);
        var target = $"sip:{FormatHost(peer)}";
        var request = new SipRequest(SipMethods.Options, SipUri.Parse(target));
        request.Headers.Add(SipHeaderNames.From, $"<sip:cti@{domain}>;tag={RandomHex(6)}");
        request.Headers.Add(SipHeaderNames.To, $"<{target}>");
        request.Headers.Add(SipHeaderNames.CallId, RandomHex(12) + "@" + domain);
        request.Headers.Add(SipHeaderNames.CSeq, "1 OPTIONS");
        request.Headers.Add(SipHeaderNames.Accept, "application/sdp");
        return request;
    }

    /// <summary>Runs one keepalive round for the trunk and records the outcome.</summary>
    public async Task<bool> CheckAsync(TrunkConfig trunk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trunk);
        var up = false;
        int? lastCode = null;
        foreach (var peer in trunk.Peers)
        {
            try
            {
                var response = await _stack.SendRequestAsync(CreateKeepAlive(peer, _domain), peer, cancellationToken);
                lastCode = response.StatusCode;
                up |= ContactPinger.MeansReachable(response.StatusCode);
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or System.Net.Sockets.SocketException)
            {
                Log.KeepAliveFailed(_logger, trunk.Name, peer.Remote, ex);
            }

            if (up)
            {
                break;
            }
        }

        var previous = _state.Get(trunk.Name).Up;
        _state.Set(trunk.Name, new TrunkStatus(up, _time.GetUtcNow(), lastCode));
        _metrics.SetUp(trunk.Name, up);
        if (previous != up)
        {
            Log.StatusChanged(_logger, trunk.Name, up ? "up" : "down");
        }

        return up;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_directory.Trunks.Where(t => t.OptionsInterval > TimeSpan.Zero).Select(t => RunAsync(t, stoppingToken)));

    private async Task RunAsync(TrunkConfig trunk, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(trunk.OptionsInterval, _time);
        try
        {
            // First round at start so the status is known without waiting a whole interval.
            do
            {
                await CheckAsync(trunk, stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static string FormatHost(SipEndPoint peer) =>
        peer.Remote.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{peer.Remote.Address}]:{peer.Remote.Port}"
            : peer.Remote.ToString();

    private static string RandomHex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
