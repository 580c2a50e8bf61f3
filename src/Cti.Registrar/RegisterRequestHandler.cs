using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Cti.Platform.Metrics;
using Cti.Platform.Security;
using Cti.Sip.Auth;
using Cti.Sip.Messages;
using Cti.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace Cti.Registrar;

/// <summary>
/// Answers REGISTER: digest authentication (unknown users and wrong passwords get the same fresh 401, so the
/// answers never reveal which extensions exist), failure counting per source address, then the binding rules.
/// </summary>
internal sealed partial class RegisterRequestHandler
{
    private readonly DigestAuthenticator _authenticator;
    private readonly AgentDirectory _agents;
    private readonly RegistrarEngine _registrar;
    private readonly AuthFailureTracker _failures;
    private readonly CtiMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly DigestChallengePolicy _challengePolicy;
    private readonly Func<string, DigestAlgorithm, string?> _lookupHa1;
    private readonly ILogger<RegisterRequestHandler> _logger;

    public RegisterRequestHandler(
        DigestAuthenticator authenticator,
        AgentDirectory agents,
        RegistrarEngine registrar,
        AuthFailureTracker failures,
        CtiMetrics metrics,
        TimeProvider time,
        ILogger<RegisterRequestHandler> logger,
        DigestChallengePolicy? challengePolicy = null)
    {
        _authenticator = authenticator;
        _agents = agents;
        _registrar = registrar;
        _failures = failures;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _challengePolicy = challengePolicy ?? new DigestChallengePolicy(RegistrarOptions.DefaultChallengeAlgorithms, []);

        // Only an algorithm the user was challenged with may be answered: no downgrade to MD5 for SHA-256 agents.
        _lookupHa1 = (user, algorithm) => _challengePolicy.Accepts(user, algorithm) ? _agents.LookupHa1(user, algorithm) : null;
    }

    public async Task<SipResponse> HandleAsync(SipRequest request, SipEndPoint source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(source);
        if (Authenticate(request, source, out var username) is { } challenge)
        {
            return challenge;
        }

        var command = RegisterRequestReader.Read(request, source, out var error);
        if (command is null)
        {
            return Respond(request, 400, error);
        }

        // Authenticated, but only for its own address-of-record.
        if (!string.Equals(username, command.Aor, StringComparison.Ordinal))
        {
            Log.ForeignAor(_logger, username!, command.Aor);
            return Respond(request, 403, "Not allowed to register this address");
        }

        var result = await _registrar.RegisterAsync(command, cancellationToken);
        return result.Outcome switch
        {
            RegisterOutcome.Ok => Registered(request, result.Bindings),
            RegisterOutcome.IntervalTooBrief => TooBrief(request, result.MinExpires),
            RegisterOutcome.OutOfOrder => Respond(request, 500, result.Reason),
            _ => Respond(request, 400, result.Reason),
        };
    }

    /// <summary>
    /// Digest-authenticates a request from an agent's phone (REGISTER, or an INVITE for a call it places): null when
    /// the credentials are good (with the extension in <paramref name="username"/>), else the 401 challenge to send.
    /// Wrong passwords and unknown users count towards the source's ban.
    /// </summary>
    public SipResponse? Authenticate(SipRequest request, SipEndPoint source, out string? username)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(source);
        username = null;
        var verification = _authenticator.Verify(
            request.Method, request.Headers.Get(SipHeaderNames.Authorization), _lookupHa1, requestUri: null, out var credentials);
        switch (verification)
        {
            case DigestVerificationResult.Ok:
                username = credentials!.Username;
                return null;
            case DigestVerificationResult.StaleNonce:
                return Challenge(request, stale: true);
            case DigestVerificationResult.UnknownUser or DigestVerificationResult.WrongResponse:
                RecordFailure(source.Remote.Address, verification);
                return Challenge(request, stale: false);
            default:
                return Challenge(request, stale: false);
        }
    }

    private void RecordFailure(IPAddress address, DigestVerificationResult verification)
    {
        _metrics.AuthFailures.Inc();
        Log.AuthFailed(_logger, address, verification);
        if (_failures.RecordFailure(address))
        {
            _metrics.Bans.Inc();
            Log.Banned(_logger, address);
        }
    }

    private SipResponse Challenge(SipRequest request, bool stale)
    {
        var response = Respond(request, 401, null);
        foreach (var challenge in _authenticator.CreateChallenges(_challengePolicy.Offered(request.From?.Uri.User), stale))
        {
            response.Headers.Add("WWW-Authenticate", challenge);
        }

        return response;
    }

    private SipResponse Registered(SipRequest request, IReadOnlyList<RegistrarBinding> bindings)
    {
        var response = Respond(request, 200, null);
        var now = _time.GetUtcNow();
        foreach (var binding in bindings)
        {
            var contact = "<" + binding.ContactUri + ">;expires=" + binding.SecondsLeft(now).ToString(CultureInfo.InvariantCulture);
            if (binding.Q is { } q)
            {
                contact += ";q=" + q.ToString("0.###", CultureInfo.InvariantCulture);
            }

            response.Headers.Add(SipHeaderNames.Contact, contact);
        }

        response.Headers.Add(SipHeaderNames.Date, now.ToString("r", CultureInfo.InvariantCulture));
        return response;
    }

    private static SipResponse TooBrief(SipRequest request, int minExpires)
    {
        var response = Respond(request, 423, null);
        response.Headers.Add(SipHeaderNames.MinExpires, minExpires.ToString(CultureInfo.InvariantCulture));
        return response;
    }

    private static SipResponse Respond(SipRequest request, int status, string? reason) =>
        SipResponseFactory.Create(request, status, reason, toTag: NewTag());

    private static string NewTag() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
}
