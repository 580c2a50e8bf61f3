using Cti.Trunks;

namespace Cti.Trunks.Tests.Registration;

public sealed class TrunkRegistrationOptionsValidationTests
{
    private static readonly HashSet<string> Profiles = new(StringComparer.OrdinalIgnoreCase) { "agents", "trunks" };

    private static List<string> Collect(TrunkOptions trunk)
    {
        var options = new TrunksOptions();
        options.Trunks.Add(trunk);
        return TrunksOptionsValidator.Collect(options, Profiles, null);
    }

    [Fact]
    public void Collect_DefaultsWithCredentials_NoErrors()
    {
        var trunk = TrunksOptionsValidatorTests.ValidTrunk();
        trunk.Registration = new TrunkRegistrationOptions { User = "cti", Password = "pw" };

        Assert.Empty(Collect(trunk));
    }

    [Fact]
    public void Collect_EveryResilienceKeyWrong_ReportsEveryError()
    {
        var trunk = TrunksOptionsValidatorTests.ValidTrunk();
        trunk.Registration = new TrunkRegistrationOptions
        {
            User = "cti@carrier",
            Password = "pw",
            Domain = "bad domain",
            RetryAttempts = 11,
            RetryDelay = TimeSpan.Zero,
            RetryMaxDelay = TimeSpan.FromHours(2),
            BreakAfterFailures = 1,
            BreakDuration = TimeSpan.Zero,
        };

        var errors = Collect(trunk);

        Assert.Contains(errors, e => e.Contains("Registration:User 'cti@carrier'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Registration:Domain 'bad domain'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Registration:RetryAttempts", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Registration:RetryDelay", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Registration:RetryMaxDelay", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Registration:BreakAfterFailures", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Registration:BreakDuration", StringComparison.Ordinal));
        Assert.Equal(7, errors.Count);
    }

    [Fact]
    public void Collect_MaxDelayBelowDelay_Error()
    {
        var trunk = TrunksOptionsValidatorTests.ValidTrunk();
        trunk.Registration = new TrunkRegistrationOptions
        {
            User = "cti", Password = "pw", Domain = "sip.carrier.example:5070", RetryDelay = TimeSpan.FromSeconds(30), RetryMaxDelay = TimeSpan.FromSeconds(10),
        };

        var errors = Collect(trunk);

        Assert.Equal(["Cti:Trunks:0:Registration:RetryMaxDelay must not be shorter than RetryDelay."], errors);
    }
}
