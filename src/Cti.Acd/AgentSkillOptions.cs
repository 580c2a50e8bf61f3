namespace Cti.Acd;

/// <summary>A skill held by an agent with its proficiency (1–10).</summary>
internal sealed class AgentSkillOptions
{
    public string Skill { get; set; } = "";

    public int Proficiency { get; set; } = 5;
}
