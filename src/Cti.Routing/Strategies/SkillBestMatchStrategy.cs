namespace Cti.Routing.Strategies;

/// <summary>The most proficient eligible agent; ties go to the longest idle.</summary>
internal sealed class SkillBestMatchStrategy : IRoutingStrategy
{
    public string Name => RoutingStrategies.SkillBestMatch;

    public int Select(ReadOnlySpan<AgentCandidate> candidates, in RoutingStrategyContext context)
    {
        var best = 0;
        for (var i = 1; i < candidates.Length; i++)
        {
            var c = candidates[i];
            var b = candidates[best];
            if (c.Proficiency > b.Proficiency
                || (c.Proficiency == b.Proficiency && (c.IdleSinceTicks < b.IdleSinceTicks
                    || (c.IdleSinceTicks == b.IdleSinceTicks && c.Order < b.Order))))
            {
                best = i;
            }
        }

        return best;
    }
}
