namespace Cti.Routing.Config;

/// <summary>A skill held by an agent with a proficiency from 1 (novice) to 10 (expert).</summary>
public sealed record AgentSkill(string Skill, int Proficiency);
