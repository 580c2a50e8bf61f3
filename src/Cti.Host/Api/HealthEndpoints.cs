using Cti.Host.SipRouting;

namespace Cti.Host.Api;

internal static class HealthEndpoints
{
    /// <summary><c>GET /healthz</c>: 200 once every SIP listener is bound, 503 before and after. No authentication.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", (SipListenerStatus sip) => sip.IsListening
                ? Results.Ok(new HealthView("ok", sip.Endpoints))
                : Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "SIP listeners are not running"))
            .WithName("Health")
            .AllowAnonymous();
        return app;
    }
}
