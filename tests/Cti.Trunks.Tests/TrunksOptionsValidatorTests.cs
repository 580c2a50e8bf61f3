using Cti.Trunks;

namespace Cti.Trunks.Tests;

public sealed class TrunksOptionsValidatorTests
{
    private static readonly HashSet<string> Profiles = new(StringComparer.OrdinalIgnoreCase) { "agents", "trunks" };
    private static readonly HashSet<string> Queues = new(StringComparer.Ordinal) { "support", "sales" };

    internal static TrunkOptions ValidTrunk(string name = "demo-carrier")
    {
        var trunk = new TrunkOptions { Name = name, Profile = "trunks", DefaultRegion = "CN" };
        trunk.Peers.Add("127.0.0.1:5090");
        trunk.AllowFrom.Add("127.0.0.0/8");
        trunk.Dids["100"] = "support";
        return trunk;
    }

    private static List<string> Collect(params TrunkOptions[] trunks)
    {
        var options = new TrunksOptions();
        foreach (var trunk in trunks)
        {
            options.Trunks.Add(trunk);
        }

        return TrunksOptionsValidator.Collect(options, Profiles, Queues);
    }

    [Fact]
    public void Collect_ValidTrunk_NoErrors() => Assert.Empty(Collect(ValidTrunk()));

    [Fact]
    public void Collect_NoTrunks_NoErrors() => Assert.Empty(Collect());

    [Fact]
    public void Collect_EverythingWrong_ReportsEveryError()
    {
        var trunk = new TrunkOptions { Name = "", Profile = "nowhere", Transport = "sctp", DefaultRegion = "XX", OptionsInterval = TimeSpan.FromSeconds(-1) };
        trunk.Peers.Add("carrier.example");
        trunk.AllowFrom.Add("10.0.0.0/33");
        trunk.Registration = new TrunkRegistrationOptions { User = "", Password = "", Expires = 5 };

        var errors = Collect(trunk);

        Assert.Contains(errors, e => e.Contains("Name is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'nowhere' is not in Cti:Sip:Profiles", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'carrier.example' is not an IP address", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Transport 'sctp'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'10.0.0.0/33' is not a CIDR", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Dids needs at least one", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("DefaultRegion 'XX'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("OptionsInterval", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Registration:User", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Registration:Password", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Registration:Expires", StringComparison.Ordinal));
        Assert.Equal(11, errors.Count);
    }

    [Fact]
    public void Collect_DuplicateNames_Reported()
    {
        var errors = Collect(ValidTrunk("a"), ValidTrunk("A"));

        Assert.Contains(errors, e => e.Contains("'A' is used by more than one trunk", StringComparison.Ordinal));
    }

    [Fact]
    public void Collect_EmptyPeersAndAllowFrom_Reported()
    {
        var trunk = ValidTrunk();
        trunk.Peers.Clear();
        trunk.AllowFrom.Clear();

        var errors = Collect(trunk);

        Assert.Contains(errors, e => e.Contains("Peers needs at least one", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("AllowFrom needs at least one", StringComparison.Ordinal));
    }

    [Fact]
    public void Collect_BadDidAndUnknownQueue_Reported()
    {
        var trunk = ValidTrunk();
        trunk.Dids["10x"] = "support";
        trunk.Dids["200"] = "billing";
        trunk.Dids["300"] = " ";

        var errors = Collect(trunk);

        Assert.Contains(errors, e => e.Contains("key '10x' must be digits", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("queue 'billing', which is not in Cti:Routing:Queues", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Dids:300 needs a queue id", StringComparison.Ordinal));
    }

    [Fact]
    public void Collect_NoRoutingConfigured_AnyNonEmptyQueueAccepted()
    {
        var trunk = ValidTrunk();
        trunk.Dids["200"] = "billing";
        var options = new TrunksOptions();
        options.Trunks.Add(trunk);

        Assert.Empty(TrunksOptionsValidator.Collect(options, Profiles, queues: null));
    }

    [Fact]
    public void Collect_AgentsProfile_Rejected()
    {
        var trunk = ValidTrunk();
        trunk.Profile = "agents";

        Assert.Contains(Collect(trunk), e => e.Contains("may not be 'agents'", StringComparison.Ordinal));
    }

    [Fact]
    public void Collect_SameDidOnTwoTrunksOfOneProfile_Reported()
    {
        var errors = Collect(ValidTrunk("a"), ValidTrunk("b"));

        Assert.Contains(errors, e => e.Contains("DID '100' is claimed by trunks 'a' and 'b'", StringComparison.Ordinal));
    }
}
