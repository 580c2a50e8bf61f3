using Cti.Calls.Parties;
using Cti.Media.Mixing;

namespace Cti.Calls.Tests.Parties;

/// <summary>Who hears whom with supervisors, conference members and an attended transfer's target on a call.</summary>
public sealed class ThirdPartyHearingTests
{
    private const int Customer = ThirdPartyHearing.Customer;
    private const int Agent = ThirdPartyHearing.Agent;

    [Theory]
    [InlineData(MonitoringMode.Listen, false, false)]
    [InlineData(MonitoringMode.Whisper, true, false)]
    [InlineData(MonitoringMode.Barge, true, true)]
    public void Supervisor_HearsBoth_HeardAsTheModeSays(MonitoringMode mode, bool agentHears, bool customerHears)
    {
        ThirdPartySeat[] seats = [new(ThirdPartyRole.Supervisor, mode, Joined: true)];

        Assert.True(ThirdPartyHearing.Hears(seats, 2, Customer));
        Assert.True(ThirdPartyHearing.Hears(seats, 2, Agent));
        Assert.True(ThirdPartyHearing.Hears(seats, Customer, Agent));
        Assert.True(ThirdPartyHearing.Hears(seats, Agent, Customer));
        Assert.Equal(agentHears, ThirdPartyHearing.Hears(seats, Agent, 2));
        Assert.Equal(customerHears, ThirdPartyHearing.Hears(seats, Customer, 2));
    }

    [Fact]
    public void FiveWayConference_EveryoneHearsEveryoneElse_NotThemselves()
    {
        var seats = Enumerable.Repeat(new ThirdPartySeat(ThirdPartyRole.Conference, MonitoringMode.Barge, Joined: true), 3).ToArray();

        for (var listener = 0; listener < 5; listener++)
        {
            for (var speaker = 0; speaker < 5; speaker++)
            {
                Assert.Equal(listener != speaker, ThirdPartyHearing.Hears(seats, listener, speaker));
            }
        }
    }

    [Fact]
    public void ConferenceWithListeningSupervisor_MembersDoNotHearTheSupervisor_SupervisorHearsMembers()
    {
        ThirdPartySeat[] seats = [new(ThirdPartyRole.Conference, MonitoringMode.Barge, true), new(ThirdPartyRole.Supervisor, MonitoringMode.Listen, true)];

        Assert.True(ThirdPartyHearing.Hears(seats, 3, 2));
        Assert.False(ThirdPartyHearing.Hears(seats, 2, 3));
        Assert.False(ThirdPartyHearing.Hears(seats, Agent, 3));
        Assert.True(ThirdPartyHearing.Hears(seats, 2, Customer));
    }

    [Fact]
    public void RingingParty_HearsNothingAndIsHeardByNoOne()
    {
        ThirdPartySeat[] seats = [new(ThirdPartyRole.Conference, MonitoringMode.Barge, Joined: false)];

        Assert.False(ThirdPartyHearing.Hears(seats, 2, Customer));
        Assert.False(ThirdPartyHearing.Hears(seats, Customer, 2));
        Assert.True(ThirdPartyHearing.Hears(seats, Customer, Agent));
    }

    [Fact]
    public void Consult_AgentAndTargetAlone_CustomerNeitherHearsNorIsHeard()
    {
        ThirdPartySeat[] seats = [new(ThirdPartyRole.Consult, MonitoringMode.Barge, Joined: true)];

        Assert.True(ThirdPartyHearing.Hears(seats, Agent, 2));
        Assert.True(ThirdPartyHearing.Hears(seats, 2, Agent));
        Assert.False(ThirdPartyHearing.Hears(seats, Customer, Agent));
        Assert.False(ThirdPartyHearing.Hears(seats, Agent, Customer));
        Assert.False(ThirdPartyHearing.Hears(seats, 2, Customer));
        Assert.False(ThirdPartyHearing.Hears(seats, Customer, 2));
    }

    [Fact]
    public void ConsultStillRinging_CustomerAndAgentStillHearEachOther()
    {
        ThirdPartySeat[] seats = [new(ThirdPartyRole.Consult, MonitoringMode.Barge, Joined: false)];

        Assert.True(ThirdPartyHearing.Hears(seats, Agent, Customer));
        Assert.False(ThirdPartyHearing.Hears(seats, Agent, 2));
    }
}
