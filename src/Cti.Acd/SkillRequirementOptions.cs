namespace Cti.Acd;

/// <summary>A required (or escalation) skill with its minimum proficiency (1–10).</summary>
internal sealed class SkillRequirementOptions
{
    public string Skill { get; set; } = "";

    public int MinimumProficiency { get; set; } = 1;
}
