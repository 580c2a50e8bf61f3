using Cti.Dialer.Pacing;

namespace Cti.Dialer.Tests.Pacing;

public class SimplePacerTests
{
    private static PacingSnapshot Snapshot(int loggedIn, int free, int dialing = 0, int waiting = 0, long live = 0, long abandoned = 0, double seconds = 0) => new()
    {
        Now = TimeSpan.FromSeconds(seconds),
        LoggedInAgents = loggedIn,
        FreeAgents = free,
        DialingCallAges = Enumerable.Repeat(TimeSpan.FromSeconds(3), dialing).ToList(),
        AnsweredWaiting = waiting,
        LiveAnswered = live,
        Abandoned = abandoned,
    };

    [Theory]
    [InlineData(10, 5, 2, 0, 3)]
    [InlineData(10, 5, 5, 0, 0)]
    [InlineData(10, 5, 7, 0, 0)]
    [InlineData(10, 5, 0, 2, 3)]
    [InlineData(0, 5, 0, 0, 0)]
    public void Progressive_OneCallPerFreeAgent(int loggedIn, int free, int dialing, int waiting, int expected)
    {
        Assert.Equal(expected, new ProgressivePacer().CallsToPlace(Snapshot(loggedIn, free, dialing, waiting)));
        Assert.Equal(expected, new PreviewPacer().CallsToPlace(Snapshot(loggedIn, free, dialing, waiting)));
    }

    [Theory]
    [InlineData(2.0, 4, 0, 8)]
    [InlineData(2.0, 4, 5, 3)]
    [InlineData(2.5, 3, 0, 7)]
    [InlineData(3.0, 0, 0, 0)]
    public void FixedRatio_RatioTimesFreeAgentsOutstanding(double ratio, int free, int dialing, int expected) =>
        Assert.Equal(expected, new FixedRatioPacer(ratio).CallsToPlace(Snapshot(10, free, dialing)));

    [Fact]
    public void FixedRatio_NoAgentLoggedIn_PlacesNothing() => Assert.Equal(0, new FixedRatioPacer(3).CallsToPlace(Snapshot(0, 4)));

    [Fact]
    public void Adaptive_IdleAgents_RaiseLevelByFormula()
    {
        var pacer = new AdaptivePacer { Intensity = 0.5 };
        pacer.CallsToPlace(Snapshot(10, 4, seconds: 0));

        // 1 × (1 + (4 − 0) ÷ 10 × 0.5) = 1.2
        Assert.Equal(1.2, pacer.Level, 10);
        // Within the adjust interval the level holds; 1.2 × 4 ready = 4.8 → 5 outstanding.
        Assert.Equal(5, pacer.CallsToPlace(Snapshot(10, 4, seconds: 5)));
        pacer.CallsToPlace(Snapshot(10, 4, seconds: 15));
        Assert.Equal(1.44, pacer.Level, 10);
    }

    [Fact]
    public void Adaptive_OverDropLimit_HalvesLevel()
    {
        var pacer = new AdaptivePacer { Intensity = 1 };
        for (var t = 0; t < 10; t++)
        {
            pacer.CallsToPlace(Snapshot(10, 10, seconds: t * 15));
        }

        var before = pacer.Level;
        Assert.True(before > 4);
        pacer.CallsToPlace(Snapshot(10, 0, waiting: 0, live: 100, abandoned: 10, seconds: 200));
        Assert.Equal(before / 2, pacer.Level, 10);
    }

    [Fact]
    public void Adaptive_LevelClampedToMax()
    {
        var pacer = new AdaptivePacer { Intensity = 1, MaxLevel = 3 };
        for (var t = 0; t < 50; t++)
        {
            pacer.CallsToPlace(Snapshot(10, 10, seconds: t * 15));
        }

        Assert.Equal(3, pacer.Level);
    }

    [Fact]
    public void Pacers_CreateByName_ReturnsNamedPacer()
    {
        foreach (var name in Pacers.All)
        {
            Assert.Equal(name, Pacers.Create(name).Name);
        }

        Assert.Throws<ArgumentException>(() => Pacers.Create("turbo"));
    }
}
