using Cti.Host.Options;
using Cti.Host.Security;
using Microsoft.Extensions.Options;

namespace Cti.Host.Dialer;

/// <summary>
/// The API key behind a request and its roles. <see cref="ApiKeyValidator"/> names the key; the roles come from
/// the same key's entry in <c>Cti:Api:Keys</c>.
/// </summary>
internal sealed record DialerCaller(string KeyName, IReadOnlyList<string> Roles)
{
    public const string ExportRole = "export";
    public const string AdminRole = "admin";

    /// <summary>May see full numbers and export lists.</summary>
    public bool MaySeeNumbers => Roles.Any(r => string.Equals(r, ExportRole, StringComparison.OrdinalIgnoreCase)
        || string.Equals(r, AdminRole, StringComparison.OrdinalIgnoreCase));

    public static DialerCaller From(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var validator = http.RequestServices.GetRequiredService<ApiKeyValidator>();
        var name = validator.Validate(http.Request.Headers[ApiKeyValidator.HeaderName].ToString());
        if (name is null)
        {
            return new DialerCaller("", []);
        }

        var keys = http.RequestServices.GetRequiredService<IOptions<CtiOptions>>().Value.Api.Keys;
        var roles = keys.FirstOrDefault(k => k.Name == name)?.Roles ?? [];
        return new DialerCaller(name, [.. roles]);
    }
}
