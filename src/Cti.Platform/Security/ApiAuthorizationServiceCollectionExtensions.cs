using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Cti.Platform.Security;

internal static class ApiAuthorizationServiceCollectionExtensions
{
    /// <summary>The <c>X-Api-Key</c> scheme (the default) and one authorization policy per <see cref="CtiPolicies"/> name.</summary>
    public static IServiceCollection AddApiAuthorization(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyDefaults.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, _ => { });
        services.AddAuthorization(options =>
        {
            foreach (var (policy, roles) in CtiPolicies.Roles)
            {
                options.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
            }
        });
        return services;
    }
}
