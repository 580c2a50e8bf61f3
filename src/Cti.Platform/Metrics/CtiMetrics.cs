using Prometheus;

namespace Cti.Platform.Metrics;

/// <summary>
/// Every metric the service exports, on its own registry so that several hosts in one process (tests) do not
/// share counters. Label values are bounded: methods outside the known set count as "other".
/// </summary>
internal sealed class CtiMetrics
{
    public const string OtherMethod = "other";

    private static readonly string[] KnownMethods =
        ["INVITE", "ACK", "BYE", "CANCEL", "REGISTER", "OPTIONS", "INFO", "UPDATE", "PRACK", "SUBSCRIBE", "NOTIFY", "REFER", "MESSAGE", "PUBLISH"];

    private static readonly string[] StatusClasses = ["1xx", "2xx", "3xx", "4xx", "5xx", "6xx"];

    private readonly Counter _requests;
    private readonly Counter _responses;
    private readonly Counter _parseErrors;

    public CtiMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        Factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        var factory = Factory;
        _requests = factory.CreateCounter("cti_sip_requests_total", "SIP requests received, by method.", ["method"]);
        _responses = factory.CreateCounter("cti_sip_responses_total", "SIP responses sent, by status class.", ["status_class"]);
        TransactionsActive = factory.CreateGauge("cti_sip_transactions_active", "SIP transactions in progress.");
        _parseErrors = factory.CreateCounter("cti_sip_parse_errors_total", "SIP messages that could not be parsed, by reason.", ["reason"]);
        AuthFailures = factory.CreateCounter("cti_sip_auth_failures_total", "Digest authentications that failed (wrong password or unknown user).");
        Bans = factory.CreateCounter("cti_sip_bans_total", "Source addresses banned after repeated authentication failures.");
        BannedRequestsRejected = factory.CreateCounter("cti_sip_banned_requests_total", "SIP requests answered 403 because their source address is banned.");
        RegistrationsActive = factory.CreateGauge("cti_registrar_registrations_active", "Addresses-of-record with at least one binding.");
        BindingsActive = factory.CreateGauge("cti_registrar_bindings_active", "Registered contact bindings.");

        // Pre-create the bounded series so dashboards see zeros instead of missing metrics.
        foreach (var method in KnownMethods.Append(OtherMethod))
        {
            _requests.WithLabels(method);
        }

        foreach (var statusClass in StatusClasses)
        {
            _responses.WithLabels(statusClass);
        }
    }

    /// <summary>What GET /metrics exports.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>For other features' instruments, so they appear on the same /metrics page.</summary>
    public IMetricFactory Factory { get; }

    public Gauge TransactionsActive { get; }

    public Counter AuthFailures { get; }

    public Counter Bans { get; }

    public Counter BannedRequestsRejected { get; }

    public Gauge RegistrationsActive { get; }

    public Gauge BindingsActive { get; }

    public static string MethodLabel(string method) =>
        Array.IndexOf(KnownMethods, method) >= 0 ? method : OtherMethod;

    public static string StatusClassLabel(int statusCode) =>
        statusCode is >= 100 and <= 699 ? StatusClasses[(statusCode / 100) - 1] : "6xx";

    public void RequestReceived(string method) => _requests.WithLabels(MethodLabel(method)).Inc();

    public void ResponseSent(int statusCode) => _responses.WithLabels(StatusClassLabel(statusCode)).Inc();

    /// <summary><paramref name="reason"/> must come from a closed set (an enum name), never from message text.</summary>
    public void ParseError(string reason) => _parseErrors.WithLabels(reason).Inc();
}
