namespace Cti.Routing.Config;

/// <summary>A skill an agent must hold, at <paramref name="MinimumProficiency"/> (1–10) or better.</summary>
public sealed record SkillRequirement(string Skill, int MinimumProficiency);
