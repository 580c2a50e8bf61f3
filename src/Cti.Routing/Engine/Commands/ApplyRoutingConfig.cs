using Cti.Routing.Config;

namespace Cti.Routing.Engine;

/// <summary>Replace the configuration at run time; an invalid one is rejected and the last good one kept.</summary>
public sealed record ApplyRoutingConfig(RoutingConfig Config) : AcdCommand;
