using Microsoft.Extensions.Options;

namespace Cti.Platform.Security;

/// <summary>Logs, once at start, the API keys that still use the deprecated <c>export</c> role.</summary>
internal sealed partial class ApiKeyWarnings(IOptions<Hosting.PlatformOptions> options, ILogger<ApiKeyWarnings> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var key in options.Value.Api.Keys.Where(k => k.Roles.Contains(ApiRoles.Export, StringComparer.OrdinalIgnoreCase)))
        {
            LogExportRole(logger, key.Name);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 5110, Level = LogLevel.Warning,
        Message = "API key '{Name}' uses the deprecated role 'export'; it still grants full numbers, exports and reads. Give the key the role 'admin' (or 'integrator' for reads only). The role goes in the next release")]
    private static partial void LogExportRole(ILogger logger, string name);
}
