using Cti.Routing.Config;

namespace Cti.Routing.Queues;

/// <summary>
/// The agents a queue accepts at one escalation level: all <see cref="Required"/> skills (AND), or any one
/// of the <see cref="Alternatives"/> added by escalation steps (OR).
/// </summary>
internal sealed record LevelRequirement(IReadOnlyList<SkillRequirement> Required, IReadOnlyList<SkillRequirement> Alternatives)
{
    public bool Matches(IReadOnlyList<AgentSkill> skills)
    {
        var all = true;
        foreach (var required in Required)
        {
            if (ProficiencyOf(skills, required.Skill) < required.MinimumProficiency)
            {
                all = false;
                break;
            }
        }

        if (all)
        {
            return true;
        }

        foreach (var alternative in Alternatives)
        {
            if (ProficiencyOf(skills, alternative.Skill) >= alternative.MinimumProficiency)
            {
                return true;
            }
        }

        return false;
    }

    public static int ProficiencyOf(IReadOnlyList<AgentSkill> skills, string skill)
    {
        foreach (var s in skills)
        {
            if (s.Skill == skill)
            {
                return s.Proficiency;
            }
        }

        return 0;
    }

    /// <summary>Builds the cumulative requirement of every level; step i leads to level StepLevel[i] or overflows (-1).</summary>
    public static (LevelRequirement[] Levels, int[] StepLevel) Build(QueueConfig queue)
    {
        var levels = new List<LevelRequirement>();
        var stepLevel = new int[queue.Escalation.Count];
        var required = queue.RequiredSkills.ToArray();
        var alternatives = new List<SkillRequirement>();
        levels.Add(new LevelRequirement(required, []));
        for (var i = 0; i < queue.Escalation.Count; i++)
        {
            var step = queue.Escalation[i];
            if (step.Overflow is not null)
            {
                stepLevel[i] = -1;
                continue;
            }

            if (step.MinimumProficiency is { } min)
            {
                required = required.Select(r => r with { MinimumProficiency = Math.Min(r.MinimumProficiency, min) }).ToArray();
            }

            if (step.AdditionalSkill is { } extra)
            {
                alternatives.Add(extra);
            }

            levels.Add(new LevelRequirement(required, alternatives.ToArray()));
            stepLevel[i] = levels.Count - 1;
        }

        return (levels.ToArray(), stepLevel);
    }
}
