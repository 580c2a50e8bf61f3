using Cti.Dialer.Pacing;

namespace Cti.Dialer.Tests.Pacing;

public class AbandonBudgetControllerTests
{
    private const double Target = 0.025;
    private const double Cap = 0.03;

    /// <summary>Feeds the same counts once a second for the given time and returns the last allowance.</summary>
    private static AbandonAllowance Run(AbandonBudgetController controller, long live, long abandoned, TimeSpan from, TimeSpan duration)
    {
        var allowance = controller.Update(from, live, abandoned, Target, Cap);
        for (var t = TimeSpan.FromSeconds(1); t <= duration; t += TimeSpan.FromSeconds(1))
        {
            allowance = controller.Update(from + t, live, abandoned, Target, Cap);
        }

        return allowance;
    }

    [Fact]
    public void Update_OnTarget_NeutralMultiplier()
    {
        var controller = new AbandonBudgetController();
        var allowance = Run(controller, 1000, 25, TimeSpan.Zero, TimeSpan.FromMinutes(30));
        Assert.Equal(1, allowance.Multiplier, 6);
        Assert.False(allowance.HardStop);
        Assert.Equal(Target, allowance.EstimatedRate, 9);
    }

    [Fact]
    public void Update_UnderTarget_MultiplierRisesWithTime()
    {
        var controller = new AbandonBudgetController();
        var first = controller.Update(TimeSpan.Zero, 1000, 10, Target, Cap).Multiplier;
        var later = Run(controller, 1000, 10, TimeSpan.Zero, TimeSpan.FromMinutes(10)).Multiplier;
        Assert.True(first > 1, $"proportional term alone: {first}");
        Assert.True(later > first, $"{later} vs {first}");
    }

    [Fact]
    public void Update_OverTarget_MultiplierFallsWithTime()
    {
        var controller = new AbandonBudgetController();
        var first = controller.Update(TimeSpan.Zero, 1000, 28, Target, Cap).Multiplier;
        var later = Run(controller, 1000, 28, TimeSpan.Zero, TimeSpan.FromMinutes(10)).Multiplier;
        Assert.True(first < 1, $"{first}");
        Assert.True(later < first, $"{later} vs {first}");
    }

    [Fact]
    public void Update_LongUnderBudget_IntegralStopsAtSaturation()
    {
        var controller = new AbandonBudgetController();
        var saturated = Run(controller, 1000, 0, TimeSpan.Zero, TimeSpan.FromHours(2));
        Assert.Equal(controller.MaxMultiplier, saturated.Multiplier, 6);
        var integral = controller.Integral;
        Run(controller, 1000, 0, TimeSpan.FromHours(2), TimeSpan.FromHours(2));
        Assert.Equal(integral, controller.Integral, 9);
        Assert.True(integral < Math.Log(controller.MaxMultiplier), $"{integral}");
    }

    [Fact]
    public void Update_AfterLongUnderBudget_BacksOffAtOnceWhenOver()
    {
        // Anti-windup: hours spent under budget must not leave an integral that keeps the pacer at full speed once over target.
        var controller = new AbandonBudgetController();
        Run(controller, 1000, 0, TimeSpan.Zero, TimeSpan.FromHours(4));
        var justOver = controller.Update(TimeSpan.FromHours(4) + TimeSpan.FromSeconds(1), 2000, 56, Target, Cap);
        var later = Run(controller, 2000, 56, TimeSpan.FromHours(4) + TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(30));
        Assert.True(justOver.Multiplier < controller.MaxMultiplier / 1.4, $"{justOver.Multiplier}");
        Assert.True(later.Multiplier < justOver.Multiplier, $"{later.Multiplier} vs {justOver.Multiplier}");
    }

    [Fact]
    public void Update_TimeStandsStill_IntegralUnchanged()
    {
        var controller = new AbandonBudgetController();
        controller.Update(TimeSpan.FromMinutes(1), 1000, 0, Target, Cap);
        var integral = controller.Integral;
        controller.Update(TimeSpan.FromMinutes(1), 1000, 0, Target, Cap);
        controller.Update(TimeSpan.FromSeconds(30), 1000, 0, Target, Cap);
        Assert.Equal(integral, controller.Integral);
    }

    [Fact]
    public void Update_LongGap_IntegratesOnlyMaxStep()
    {
        var gap = new AbandonBudgetController();
        gap.Update(TimeSpan.Zero, 1000, 0, Target, Cap);
        gap.Update(TimeSpan.FromHours(1), 1000, 0, Target, Cap);

        var step = new AbandonBudgetController();
        step.Update(TimeSpan.Zero, 1000, 0, Target, Cap);
        step.Update(step.MaxStep, 1000, 0, Target, Cap);
        Assert.Equal(step.Integral, gap.Integral, 12);
    }

    [Fact]
    public void Update_FewAnswers_PriorDampsEarlyAbandon()
    {
        // One abandon in 20 answers is 5 %, but says little: the controller brakes only mildly.
        var allowance = new AbandonBudgetController().Update(TimeSpan.Zero, 20, 1, Target, Cap);
        Assert.InRange(allowance.EstimatedRate, 0.02, 0.03);
    }

    [Fact]
    public void Update_AtStopLine_HardStop()
    {
        var controller = new AbandonBudgetController();
        var allowance = controller.Update(TimeSpan.Zero, 1000, 30, Target, Cap);
        Assert.True(allowance.HardStop);
        Assert.Equal(0, allowance.Multiplier);
    }

    [Fact]
    public void Update_NoAnswersYet_HardStopUntilOneAbandonFits()
    {
        var controller = new AbandonBudgetController { BurstReserve = 1 };
        Assert.True(controller.Update(TimeSpan.Zero, 0, 0, Target, Cap).HardStop);
        Assert.True(controller.Update(TimeSpan.Zero, 30, 0, Target, Cap).HardStop);
        Assert.False(controller.Update(TimeSpan.Zero, 40, 0, Target, Cap).HardStop);
    }

    [Fact]
    public void Update_NearStopLine_BrakesGradually()
    {
        // Stop line 0.95 × 3 % × 1000 = 28.5 abandons; the allowance fades over the last 3.
        var far = new AbandonBudgetController().Update(TimeSpan.Zero, 1000, 25, Target, Cap);
        var near = new AbandonBudgetController().Update(TimeSpan.Zero, 1000, 28, Target, Cap);
        var unbraked = Math.Exp(0.5 * ((Target - near.EstimatedRate) / Target));
        Assert.Equal(1, far.Multiplier, 6);
        Assert.Equal(unbraked * 0.5 / 3, near.Multiplier, 6);
        Assert.False(near.HardStop);
    }

    [Theory]
    [InlineData(0, 0.03)]
    [InlineData(0.031, 0.03)]
    [InlineData(-0.01, 0.03)]
    public void Update_TargetOutOfRange_Throws(double target, double cap) =>
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new AbandonBudgetController().Update(TimeSpan.Zero, 100, 0, target, cap));
}
