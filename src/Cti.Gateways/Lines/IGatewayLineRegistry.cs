namespace Cti.Gateways.Lines;

/// <summary>All configured gateway lines and their groups.</summary>
internal interface IGatewayLineRegistry
{
    IReadOnlyList<IGatewayLine> Lines { get; }

    IReadOnlyList<string> Groups { get; }

    IGatewayLine? Find(string name);

    IReadOnlyList<IGatewayLine> InGroup(string group);

    /// <summary>The next available line of the group, round-robin; null when none is free.</summary>
    IGatewayLine? PickFreeLine(string group);
}
