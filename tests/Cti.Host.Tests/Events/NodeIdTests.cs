using Cti.Platform.Hosting;

namespace Cti.Host.Tests.Events;

public sealed class NodeIdTests
{
    [Fact]
    public void DefaultNodeId_FromTheMachineName_IsValid()
    {
        Assert.True(PlatformOptions.IsValidNodeId(PlatformOptions.DefaultNodeId()));
    }

    [Theory]
    [InlineData("pbx-a", true)]
    [InlineData("node7", true)]
    [InlineData("PBX-A", false)]
    [InlineData("pbx_a", false)]
    [InlineData("-pbx", false)]
    [InlineData("", false)]
    public void Collect_NodeId_CheckedAsADnsLabel(string nodeId, bool valid)
    {
        var errors = PlatformOptionsValidator.Collect(new PlatformOptions { NodeId = nodeId });

        Assert.Equal(valid, !errors.Any(e => e.StartsWith("Cti:NodeId", StringComparison.Ordinal)));
    }
}
