namespace Cti.Gateways.Tests.TestKit;

/// <summary>Tests that drive real ptys run one at a time: their timing is wall-clock and the machine is small.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GatewayPtyCollection
{
    public const string Name = "Gateway pty";
}
