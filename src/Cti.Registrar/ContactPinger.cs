using System.Net;
using System.Security.Cryptography;
using Cti.Sip.Messages;
using Cti.Sip.Stack;
using Cti.Sip.Transport;
using Microsoft.Extensions.Options;

namespace Cti.Registrar;

/// <summary>
/// Sends OPTIONS to every registered contact each <c>OptionsPingInterval</c> and records whether it answered.
/// The ping goes to the address the REGISTER came from, which is what gets through NAT.
/// </summary>
internal sealed partial class ContactPinger : BackgroundService
{
    private const int MaxParallelPings = 32;

    private readonly SipStack _stack;
    private readonly RegistrarEngine _registrar;
    private readonly TimeProvider _time;
    private readonly RegistrarOptions _options;
    private readonly string _domain;
    private readonly ILogger<ContactPinger> _logger;

    public ContactPinger(SipStack stack, RegistrarEngine registrar, TimeProvider time, IOptions<RegistrarOptions> options, IOptions<SipOptions> sip, ILogger<ContactPinger> logger)
    {
        _stack = stack;
        _registrar = registrar;
        _time = time;
        _options = options.Value;
        _domain = sip.Value.Domain;
        _logger = logger;
    }

    /// <summary>Any final answer proves the phone is there; 408 and 503 are what the stack reports for silence.</summary>
    public static bool MeansReachable(int statusCode) => statusCode is not (408 or 503);

    public static SipRequest CreatePing(string contactUri, string domain)
    {
        var request = new SipRequest(SipMethods.Options, SipUri.Parse(contactUri));
        request.Headers.Add(SipHeaderNames.From, $"<sip:cti@{domain}>;tag={RandomHex(6)}");
        request.Headers.Add(SipHeaderNames.To, $"<{contactUri}>");
        request.Headers.Add(SipHeaderNames.CallId, RandomHex(12) + "@" + domain);
        request.Headers.Add(SipHeaderNames.CSeq, "1 OPTIONS");
        request.Headers.Add(SipHeaderNames.Accept, "application/sdp");
        return request;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = _options.OptionsPingInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var bindings = await _registrar.SnapshotAsync(stoppingToken);
                await Parallel.ForEachAsync(
                    bindings,
                    new ParallelOptions { MaxDegreeOfParallelism = MaxParallelPings, CancellationToken = stoppingToken },
                    PingAsync);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async ValueTask PingAsync(RegistrarBinding binding, CancellationToken cancellationToken)
    {
        if (!SipUri.TryParse(binding.ContactUri, out _) || !IPEndPoint.TryParse(binding.SourceAddress, out var remote))
        {
            return;
        }

        var transport = binding.SourceTransport == SipTransportNames.Tcp ? SipTransportProtocol.Tcp : SipTransportProtocol.Udp;
        bool reachable;
        try
        {
            var response = await _stack.SendRequestAsync(CreatePing(binding.ContactUri, _domain), new SipEndPoint(transport, remote), cancellationToken);
            reachable = MeansReachable(response.StatusCode);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or System.Net.Sockets.SocketException)
        {
            Log.PingFailed(_logger, binding.Aor, ex);
            reachable = false;
        }

        await _registrar.SetReachableAsync(binding.Aor, binding.ContactUri, reachable, cancellationToken);
    }

    private static string RandomHex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
