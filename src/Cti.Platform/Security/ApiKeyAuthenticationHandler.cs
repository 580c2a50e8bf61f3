using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Cti.Platform.Security;

/// <summary>
/// Authenticates <c>X-Api-Key</c> against <c>Cti:Api:Keys</c>: the principal carries the key's name, its roles, the
/// agent it is bound to and the teams it oversees. A missing or unknown key is answered 401 with
/// <c>WWW-Authenticate</c>, a known key without the policy's role 403; both as problem details.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[ApiKeyDefaults.HeaderName].ToString();
        if (presented.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (keys.Find(presented) is not { } caller)
        {
            return Task.FromResult(AuthenticateResult.Fail($"The {ApiKeyDefaults.HeaderName} header does not hold a valid key."));
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, caller.Name) };
        claims.AddRange(caller.Roles.Select(r => new Claim(ClaimTypes.Role, r.ToLowerInvariant())));
        if (caller.AgentId is { } agent)
        {
            claims.Add(new Claim(CtiClaimTypes.Agent, agent));
        }

        claims.AddRange(caller.Teams.Select(t => new Claim(CtiClaimTypes.Team, t)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name, ClaimTypes.Name, ClaimTypes.Role));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = $"{ApiKeyDefaults.Scheme} header=\"{ApiKeyDefaults.HeaderName}\"";
        var detail = Request.Headers.ContainsKey(ApiKeyDefaults.HeaderName)
            ? $"The {ApiKeyDefaults.HeaderName} header does not hold a valid key."
            : $"The {ApiKeyDefaults.HeaderName} header is missing.";
        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var caller = Context.GetCaller();
        return ApiProblems.Forbidden($"The key '{caller.Name}' (roles: {caller.RoleList}) may not call this endpoint.").ExecuteAsync(Context);
    }
}
