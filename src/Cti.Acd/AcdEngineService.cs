using Cti.Routing.Engine;

namespace Cti.Acd;

/// <summary>Runs the ACD engine's single-writer loop for the lifetime of the service.</summary>
internal sealed class AcdEngineService(AcdEngine engine) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => engine.RunAsync(stoppingToken);
}
