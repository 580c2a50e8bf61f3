using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Cti.Sip.Auth;
using Cti.Sip.Messages;
using Cti.Sip.Transport;

namespace Cti.Trunks.Registration;

/// <summary>
/// The REGISTER dialogue of one trunk with its carrier (RFC 3261 §10.2): one Call-ID and From tag for the life of
/// the process, CSeq increasing, credentials sent up front once a challenge is known, each challenge answered once,
/// 423 answered once with Min-Expires, and the next peer used after a timeout or transport error.
/// Single owner: the trunk's registration loop.
/// </summary>
internal sealed class TrunkRegistrationClient
{
    private readonly TrunkRegistrationConfig _config;
    private readonly ITrunkSignalling _signalling;
    private readonly DigestClient _digest;
    private readonly string _callId;
    private readonly string _fromTag;
    private int _cseq;
    private int _peerIndex;

    public TrunkRegistrationClient(TrunkRegistrationConfig config, ITrunkSignalling signalling, Func<string>? clientNonces = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
        _signalling = signalling;
        _digest = new DigestClient(config.User, config.Password, clientNonces);
        _callId = RandomHex(12) + "@" + config.Trunk;
        _fromTag = RandomHex(6);
        RequestedExpires = config.Expires;
    }

    public TrunkRegistrationConfig Config => _config;

    /// <summary>The peer the next REGISTER goes to.</summary>
    public SipEndPoint CurrentPeer => _config.Peers[_peerIndex];

    /// <summary>The Expires asked for; raised when the carrier answers 423 with a larger Min-Expires.</summary>
    public int RequestedExpires { get; private set; }

    public Task<TrunkRegistrationResult> RegisterAsync(CancellationToken cancellationToken) =>
        SendAsync(RequestedExpires, cancellationToken);

    public Task<TrunkRegistrationResult> UnregisterAsync(CancellationToken cancellationToken) =>
        SendAsync(0, cancellationToken);

    private async Task<TrunkRegistrationResult> SendAsync(int expires, CancellationToken cancellationToken)
    {
        var peer = CurrentPeer;
        var local = _signalling.ListenEndPoint(_config.Profile, peer.Transport);
        if (local is null)
        {
            return new TrunkRegistrationResult(TrunkRegistrationOutcomes.TransportError, null, TimeSpan.Zero, peer);
        }

        var destination = new SipEndPoint(peer.Transport, peer.Remote, local);
        var answeredChallenge = false;
        var challengeRounds = 0;
        var intervalRaised = false;
        while (true)
        {
            var request = Build(peer, local, expires, out var contact);
            SipResponse response;
            try
            {
                response = await _signalling.SendAsync(request, destination, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or SocketException or InvalidOperationException)
            {
                NextPeer();
                return new TrunkRegistrationResult(TrunkRegistrationOutcomes.TransportError, null, TimeSpan.Zero, peer);
            }

            var status = response.StatusCode;
            if (response.IsSuccess)
            {
                if (expires == 0)
                {
                    return new TrunkRegistrationResult(TrunkRegistrationOutcomes.Unregistered, status, TimeSpan.Zero, peer);
                }

                var granted = GrantedSeconds(response, contact, expires);
                return granted > 0
                    ? new TrunkRegistrationResult(TrunkRegistrationOutcomes.Registered, status, TimeSpan.FromSeconds(granted), peer)
                    : new TrunkRegistrationResult(TrunkRegistrationOutcomes.Rejected, status, TimeSpan.Zero, peer);
            }

            if (status is 401 or 407)
            {
                var challenge = DigestServerChallenge.SelectBest(
                    response.Headers.GetAll(status == 401 ? SipHeaderNames.WwwAuthenticate : SipHeaderNames.ProxyAuthenticate), status == 407);

                // A fresh (not stale) challenge right after we answered one means the password was refused.
                if (challenge is null || challengeRounds >= 2 || (answeredChallenge && !challenge.Stale))
                {
                    _digest.Reset();
                    return new TrunkRegistrationResult(TrunkRegistrationOutcomes.AuthFailed, status, TimeSpan.Zero, peer);
                }

                _digest.Accept(challenge);
                answeredChallenge = true;
                challengeRounds++;
                continue;
            }

            if (status == 423 && expires > 0 && !intervalRaised &&
                response.Headers.Get(SipHeaderNames.MinExpires) is { } raw && uint.TryParse(raw.Trim(), out var minimum) &&
                minimum > expires && minimum <= int.MaxValue)
            {
                RequestedExpires = expires = (int)minimum;
                intervalRaised = true;
                continue;
            }

            if (status is 408 or 480 or (>= 500 and < 600))
            {
                NextPeer();
                return new TrunkRegistrationResult(
                    status == 503 ? TrunkRegistrationOutcomes.TransportError : TrunkRegistrationOutcomes.Timeout, status, TimeSpan.Zero, peer);
            }

            return new TrunkRegistrationResult(TrunkRegistrationOutcomes.Rejected, status, TimeSpan.Zero, peer);
        }
    }

    /// <summary>Builds one REGISTER; <paramref name="contact"/> is our Contact URI, to find our binding in the 200.</summary>
    internal SipRequest Build(SipEndPoint peer, IPEndPoint local, int expires, out SipUri contact)
    {
        var domain = _config.Domain ?? FormatHost(peer.Remote);
        var requestUri = SipUri.Parse($"sip:{domain}");
        var aor = $"<sip:{_config.User}@{domain}>";
        contact = SipUri.Parse($"sip:{_config.User}@{FormatHost(local)}" + (peer.Transport == SipTransportProtocol.Tcp ? ";transport=tcp" : string.Empty));
        var request = new SipRequest(SipMethods.Register, requestUri);
        request.Headers.Add(SipHeaderNames.From, $"{aor};tag={_fromTag}");
        request.Headers.Add(SipHeaderNames.To, aor);
        request.Headers.Add(SipHeaderNames.CallId, _callId);
        request.Headers.Add(SipHeaderNames.CSeq, $"{++_cseq} {SipMethods.Register}");
        request.Headers.Add(SipHeaderNames.Contact, $"<{contact}>");
        request.Headers.Add(SipHeaderNames.Expires, expires.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (_digest.HeaderName is { } header)
        {
            request.Headers.Add(header, _digest.CreateAuthorization(SipMethods.Register, requestUri.ToString()));
        }

        return request;
    }

    /// <summary>RFC 3261 §10.2.4: our binding's expires parameter, else the Expires header, else what we asked for.</summary>
    private static long GrantedSeconds(SipResponse response, SipUri contact, int requested)
    {
        foreach (var binding in response.Contacts)
        {
            if (binding.NameAddr?.Uri is { } uri && SameBinding(uri, contact) && binding.Expires is { } seconds)
            {
                return seconds;
            }
        }

        return response.Expires ?? (uint)requested;
    }

    private static bool SameBinding(SipUri a, SipUri b) =>
        string.Equals(a.User, b.User, StringComparison.Ordinal) &&
        string.Equals(a.Host.Trim('[', ']'), b.Host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase) &&
        (a.Port ?? 5060) == (b.Port ?? 5060);

    private void NextPeer() => _peerIndex = (_peerIndex + 1) % _config.Peers.Count;

    private static string FormatHost(IPEndPoint endPoint) =>
        endPoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{endPoint.Address}]:{endPoint.Port}" : endPoint.ToString();

    private static string RandomHex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
