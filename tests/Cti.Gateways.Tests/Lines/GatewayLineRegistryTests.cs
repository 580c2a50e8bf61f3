using Cti.Gateways.Lines;

namespace Cti.Gateways.Tests.Lines;

public sealed class GatewayLineRegistryTests
{
    private sealed class StubLine(string name, string group, bool available) : IGatewayLine
    {
        public string Name { get; } = name;

        public string Group { get; } = group;

        public string AudioEndpoint => $"sip:{Name}@gw";

        public string? Queue => null;

        public GatewayLineSnapshot State => throw new NotSupportedException();

        public bool IsAvailable { get; set; } = available;

        public event EventHandler<GatewayIncomingCallEventArgs>? IncomingCall { add { } remove { } }

        public event EventHandler<GatewayCallEndedEventArgs>? CallEnded { add { } remove { } }

        public Task<GatewayDialResult> DialAsync(string e164Number, TimeSpan ringTimeout, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<GatewayCommandResult> AnswerAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<GatewayCommandResult> HangupAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<GatewayCommandResult> SendDtmfAsync(string digits, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    [Fact]
    public void PickFreeLine_SeveralAvailable_RoundRobin()
    {
        var registry = new GatewayLineRegistry([new StubLine("a", "g", true), new StubLine("b", "g", true), new StubLine("c", "g", true)]);

        var picks = Enumerable.Range(0, 6).Select(_ => registry.PickFreeLine("g")!.Name).ToArray();

        Assert.Equal(["a", "b", "c", "a", "b", "c"], picks);
    }

    [Fact]
    public void PickFreeLine_SkipsUnavailableAndOtherGroups()
    {
        var busy = new StubLine("a", "g", false);
        var registry = new GatewayLineRegistry([busy, new StubLine("b", "other", true), new StubLine("c", "G", true)]);

        Assert.Equal("c", registry.PickFreeLine("g")!.Name);
        Assert.Equal("c", registry.PickFreeLine("g")!.Name);
        Assert.Equal(["g", "other"], registry.Groups);
        Assert.Equal(2, registry.InGroup("g").Count);
    }

    [Fact]
    public void PickFreeLine_NoneAvailableOrUnknownGroup_Null()
    {
        var registry = new GatewayLineRegistry([new StubLine("a", "g", false)]);

        Assert.Null(registry.PickFreeLine("g"));
        Assert.Null(registry.PickFreeLine("nope"));
        Assert.Null(registry.Find("zzz"));
        Assert.NotNull(registry.Find("A"));
    }
}
