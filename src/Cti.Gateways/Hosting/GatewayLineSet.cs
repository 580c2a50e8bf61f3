using Cti.Gateways.Lines;

namespace Cti.Gateways.Hosting;

/// <summary>The concrete lines, in configuration order, shared by the registry and the workers.</summary>
internal sealed record GatewayLineSet(IReadOnlyList<GatewayLine> Lines);
