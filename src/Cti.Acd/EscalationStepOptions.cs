namespace Cti.Acd;

/// <summary>One timed escalation step; set exactly one of the three actions.</summary>
internal sealed class EscalationStepOptions
{
    public TimeSpan After { get; set; }

    public int? MinimumProficiency { get; set; }

    public SkillRequirementOptions? AdditionalSkill { get; set; }

    /// <summary><c>voicemail</c>, <c>callback</c> or <c>queue:&lt;id&gt;</c>.</summary>
    public string? Overflow { get; set; }
}
