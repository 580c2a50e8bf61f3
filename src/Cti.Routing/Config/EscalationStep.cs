namespace Cti.Routing.Config;

/// <summary>
/// A timed relaxation of a queue's requirements, measured from the moment a call joined the queue.
/// A step either lowers the minimum proficiency of the required skills, accepts an additional
/// (alternative) skill, or overflows the call. Steps only ever widen the set of eligible agents.
/// </summary>
public sealed record EscalationStep(TimeSpan After)
{
    /// <summary>New minimum proficiency for every required skill (only lowers, never raises).</summary>
    public int? MinimumProficiency { get; init; }

    /// <summary>An alternative skill: agents holding it at the given proficiency also become eligible.</summary>
    public SkillRequirement? AdditionalSkill { get; init; }

    /// <summary>When set, the call leaves the queue for this target at this step.</summary>
    public OverflowTarget? Overflow { get; init; }
}
