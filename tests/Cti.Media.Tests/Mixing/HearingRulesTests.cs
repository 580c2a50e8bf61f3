using Cti.Media.Audio;
using Cti.Media.Mixing;

namespace Cti.Media.Tests.Mixing;

public sealed class HearingRulesTests
{
    private const int Customer = 0;
    private const int Agent = 1;
    private const int Supervisor = 2;

    [Theory]
    [InlineData(MonitoringMode.Listen, "agent", "customer", "customer+agent")]
    [InlineData(MonitoringMode.Whisper, "agent", "customer+supervisor", "customer+agent")]
    [InlineData(MonitoringMode.Barge, "agent+supervisor", "customer+supervisor", "customer+agent")]
    public void ApplyMonitoring_ThreeToneParties_EachHearsWhatTheModeAllows(MonitoringMode mode, string customerHears, string agentHears, string supervisorHears)
    {
        var matrix = new HearingMatrix(3);
        HearingRules.ApplyMonitoring(matrix, mode, Customer, Agent, Supervisor);
        var mixer = new AudioFrameMixer(3);
        mixer.BeginFrame();
        mixer.SetInput(Customer, G711Codec.Pcmu, MixTestKit.Encode(MixTestKit.Tone(MixTestKit.CustomerHz)));
        mixer.SetInput(Agent, G711Codec.Pcma, MixTestKit.Encode(MixTestKit.Tone(MixTestKit.AgentHz), G711Codec.Pcma));
        mixer.SetInput(Supervisor, G711Codec.Pcmu, MixTestKit.Encode(MixTestKit.Tone(MixTestKit.SupervisorHz)));

        Assert.Equal(customerHears, HeardBy(mixer, matrix, Customer));
        Assert.Equal(agentHears, HeardBy(mixer, matrix, Agent));
        Assert.Equal(supervisorHears, HeardBy(mixer, matrix, Supervisor));
    }

    [Fact]
    public void ApplyMonitoring_BargeThenListen_SupervisorMutedAgain()
    {
        var matrix = new HearingMatrix(3);
        HearingRules.ApplyMonitoring(matrix, MonitoringMode.Barge, Customer, Agent, Supervisor);

        HearingRules.ApplyMonitoring(matrix, MonitoringMode.Listen, Customer, Agent, Supervisor);

        Assert.False(matrix.Hears(Customer, Supervisor));
        Assert.False(matrix.Hears(Agent, Supervisor));
        Assert.True(matrix.Hears(Supervisor, Customer));
    }

    [Fact]
    public void ApplyMonitoring_SameParticipantTwice_Throws()
    {
        Assert.Throws<ArgumentException>(() => HearingRules.ApplyMonitoring(new HearingMatrix(3), MonitoringMode.Listen, 0, 0, 2));
    }

    [Fact]
    public void ApplyConference_FiveParties_EveryoneHearsEveryoneElseOnly()
    {
        var matrix = new HearingMatrix(6);

        HearingRules.ApplyConference(matrix, [0, 1, 2, 4, 5]);

        for (var listener = 0; listener < 6; listener++)
        {
            for (var speaker = 0; speaker < 6; speaker++)
            {
                var expected = listener != speaker && listener != 3 && speaker != 3;
                Assert.True(expected == matrix.Hears(listener, speaker), $"{listener} hears {speaker}: expected {expected}");
            }
        }
    }

    [Fact]
    public void HearingMatrix_SelfSet_IsNeverHeard()
    {
        var matrix = new HearingMatrix(2);

        matrix.Set(1, 1, true);
        matrix.Set(1, 0, true);

        Assert.False(matrix.Hears(1, 1));
        Assert.Equal(0b01UL, matrix.HeardBy(1));
    }

    [Fact]
    public void HearingMatrix_Isolate_ClearsRowAndColumn()
    {
        var matrix = new HearingMatrix(3);
        HearingRules.ApplyConference(matrix, [0, 1, 2]);

        matrix.Isolate(1);

        Assert.Equal(0UL, matrix.HeardBy(1));
        Assert.Equal(0b100UL, matrix.HeardBy(0));
        Assert.Equal(0b001UL, matrix.HeardBy(2));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void HearingMatrix_SizeOutOfRange_Throws(int size)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HearingMatrix(size));
    }

    private static string HeardBy(AudioFrameMixer mixer, HearingMatrix matrix, int listener)
    {
        var encoded = new byte[AudioFrameMixer.FrameSamples];
        mixer.MixEncoded(listener, matrix.HeardBy(listener), G711Codec.Pcmu, encoded);
        return MixTestKit.Heard(MixTestKit.Decode(encoded));
    }
}
