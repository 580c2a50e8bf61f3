using Cti.Dialer.Campaigns;
using Cti.Campaigns;
using NodaTime;

namespace Cti.Campaigns.Tests;

public sealed class CampaignDefinitionMapperTests
{
    [Fact]
    public void Map_ValidDefinition_BuildsConfig()
    {
        var errors = new List<string>();
        var config = CampaignDefinitionMapper.Map(
            new CampaignDefinition
            {
                Id = "demo-renewals", Mode = "Progressive", Queue = "support", Agents = ["1001"], LineGroups = ["demo-carrier"],
                CallerId = "+861088880000", WindowStart = "09:00", WindowEnd = "20:00", WindowDays = ["saturday"], MaxAttempts = 3,
            },
            errors);

        Assert.Empty(errors);
        Assert.NotNull(config);
        Assert.Equal(CampaignMode.Progressive, config.Mode);
        Assert.Equal(new LocalTime(20, 0), config.Window.End);
        Assert.Equal([IsoDayOfWeek.Saturday], config.Window.Days);
        Assert.Equal(3, config.MaxAttemptsPerLead);
        Assert.Equal("support", config.Skill);
    }

    [Fact]
    public void Map_ManyProblems_ListsEveryOne()
    {
        var errors = new List<string>();
        var config = CampaignDefinitionMapper.Map(
            new CampaignDefinition { Id = "Bad Id!", Mode = "turbo", WindowStart = "9am", WindowDays = ["Funday"], MaxAttempts = 0, InitialState = "sleeping" },
            errors);

        Assert.Null(config);
        Assert.Contains(errors, e => e.StartsWith("id:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("mode:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("windowStart:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("windowDays:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("initialState:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("CallerId is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("line group", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("MaxAttemptsPerLead", StringComparison.Ordinal));
    }

    [Fact]
    public void Map_AbandonTargetAndFormula_CarriedToConfig()
    {
        var errors = new List<string>();
        var config = CampaignDefinitionMapper.Map(
            new CampaignDefinition
            {
                Id = "renewals", Queue = "support", LineGroups = ["demo-carrier"], CallerId = "+861088880000",
                AbandonRateCap = 0.03, AbandonTarget = 0.02, AbandonFormula = "ukofcom",
            },
            errors);

        Assert.Empty(errors);
        Assert.NotNull(config);
        Assert.Equal(0.02, config.AbandonTarget);
        Assert.Equal(Cti.Dialer.Compliance.AbandonFormula.UkOfcom, config.AbandonFormula);
    }

    [Fact]
    public void Map_AbandonTargetAboveCapOrUnknownFormula_Rejected()
    {
        var errors = new List<string>();
        var config = CampaignDefinitionMapper.Map(
            new CampaignDefinition
            {
                Id = "renewals", Queue = "support", LineGroups = ["demo-carrier"], CallerId = "+861088880000",
                AbandonRateCap = 0.02, AbandonTarget = 0.025, AbandonFormula = "weekly",
            },
            errors);

        Assert.Null(config);
        Assert.Contains(errors, e => e.Contains("AbandonTarget", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("abandonFormula:", StringComparison.Ordinal));
    }

    [Fact]
    public void Collect_DuplicateIdsAndTheMovedRegionSetting_AreReported()
    {
        var good = new CampaignDefinition { Id = "a", Queue = "q", LineGroups = ["g"], CallerId = "+861088880000" };
        var errors = DialerOptionsValidator.Collect(new DialerOptions { DefaultRegion = "CN", Campaigns = [good, good] });

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Contains("Cti:Dialer:DefaultRegion has moved to Cti:DefaultRegion", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("used twice", StringComparison.Ordinal));
    }
}
