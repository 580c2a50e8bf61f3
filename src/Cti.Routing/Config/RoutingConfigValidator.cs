using Cti.Routing.Strategies;

namespace Cti.Routing.Config;

/// <summary>Checks a <see cref="RoutingConfig"/> and reports every problem at once, not only the first.</summary>
public static class RoutingConfigValidator
{
    public const int MinProficiency = 1;
    public const int MaxProficiency = 10;

    public static IReadOnlyList<string> Validate(RoutingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var errors = new List<string>();

        var skills = CollectIds(config.Skills, "skill", errors);
        var reasons = CollectIds(config.NotReadyReasons, "not-ready reason", errors);
        if (!reasons.Contains(NotReadyReasons.NoAnswer))
        {
            errors.Add($"not-ready reasons must include '{NotReadyReasons.NoAnswer}' (used by the no-answer policy).");
        }

        var queueIds = CollectIds(config.Queues.Select(q => q.Id), "queue", errors);
        CollectIds(config.Agents.Select(a => a.Id), "agent", errors);
        CollectIds(config.Agents.SelectMany(a => a.Extensions), "extension", errors);

        if (config.PriorityStep <= TimeSpan.Zero)
        {
            errors.Add("PriorityStep must be positive.");
        }

        if (config.LastAgentWindow < TimeSpan.Zero || config.LastAgentHold < TimeSpan.Zero)
        {
            errors.Add("LastAgentWindow and LastAgentHold must not be negative.");
        }

        if (config.WatchdogInterval < TimeSpan.Zero || config.OutboundReservationTimeout <= TimeSpan.Zero)
        {
            errors.Add("WatchdogInterval must not be negative and OutboundReservationTimeout must be positive.");
        }

        foreach (var queue in config.Queues)
        {
            ValidateQueue(queue, skills, queueIds, errors);
        }

        foreach (var agent in config.Agents)
        {
            ValidateAgent(agent, skills, queueIds, errors);
        }

        return errors;
    }

    private static HashSet<string> CollectIds(IEnumerable<string> ids, string what, List<string> errors)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                errors.Add($"A {what} id is empty.");
            }
            else if (!set.Add(id))
            {
                errors.Add($"Duplicate {what} id '{id}'.");
            }
        }

        return set;
    }

    private static void ValidateQueue(QueueConfig queue, HashSet<string> skills, HashSet<string> queueIds, List<string> errors)
    {
        var at = $"queue '{queue.Id}'";
        if (!RoutingStrategyFactory.IsKnown(queue.Strategy))
        {
            errors.Add($"{at}: unknown strategy '{queue.Strategy}'.");
        }

        foreach (var requirement in queue.RequiredSkills)
        {
            ValidateRequirement(requirement, skills, at, errors);
        }

        var previous = TimeSpan.Zero;
        foreach (var step in queue.Escalation)
        {
            var stepAt = $"{at} escalation step at {step.After.TotalSeconds}s";
            if (step.After <= previous)
            {
                errors.Add($"{stepAt}: steps must have positive, strictly ascending times.");
            }

            previous = step.After;
            var actions = (step.MinimumProficiency is null ? 0 : 1) + (step.AdditionalSkill is null ? 0 : 1) + (step.Overflow is null ? 0 : 1);
            if (actions == 0)
            {
                errors.Add($"{stepAt}: the step does nothing.");
            }

            if (step.Overflow is not null && actions > 1)
            {
                errors.Add($"{stepAt}: an overflow step cannot also change requirements.");
            }

            if (step.MinimumProficiency is { } min && (min < MinProficiency || min > MaxProficiency))
            {
                errors.Add($"{stepAt}: proficiency {min} is outside {MinProficiency}–{MaxProficiency}.");
            }

            if (step.AdditionalSkill is { } extra)
            {
                ValidateRequirement(extra, skills, stepAt, errors);
            }

            if (step.Overflow is { } target)
            {
                ValidateTarget(target, queue.Id, queueIds, stepAt, errors);
            }
        }

        ValidateTarget(queue.MaxWaitTarget, queue.Id, queueIds, $"{at} max-wait target", errors);
        ValidateTarget(queue.OverflowTarget, queue.Id, queueIds, $"{at} overflow target", errors);

        if (queue.MaxWait is { } maxWait && maxWait <= TimeSpan.Zero)
        {
            errors.Add($"{at}: MaxWait must be positive.");
        }

        if (queue.MaxLength < 0)
        {
            errors.Add($"{at}: MaxLength must not be negative.");
        }

        if (queue.RingTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{at}: RingTimeout must be positive.");
        }

        if (queue.WrapUpTime < TimeSpan.Zero)
        {
            errors.Add($"{at}: WrapUpTime must not be negative.");
        }

        if (queue.NoAnswerLimit < 0)
        {
            errors.Add($"{at}: NoAnswerLimit must not be negative.");
        }

        if (queue.ServiceLevelThreshold <= TimeSpan.Zero || queue.ShortAbandonThreshold < TimeSpan.Zero)
        {
            errors.Add($"{at}: ServiceLevelThreshold must be positive and ShortAbandonThreshold not negative.");
        }

        if (queue.AnnounceInterval is { } interval && interval <= TimeSpan.Zero)
        {
            errors.Add($"{at}: AnnounceInterval must be positive.");
        }
    }

    private static void ValidateAgent(AgentConfig agent, HashSet<string> skills, HashSet<string> queueIds, List<string> errors)
    {
        var at = $"agent '{agent.Id}'";
        var seenSkills = new HashSet<string>(StringComparer.Ordinal);
        foreach (var skill in agent.Skills)
        {
            if (!skills.Contains(skill.Skill))
            {
                errors.Add($"{at}: unknown skill '{skill.Skill}'.");
            }

            if (!seenSkills.Add(skill.Skill))
            {
                errors.Add($"{at}: skill '{skill.Skill}' listed twice.");
            }

            if (skill.Proficiency < MinProficiency || skill.Proficiency > MaxProficiency)
            {
                errors.Add($"{at}: proficiency {skill.Proficiency} for '{skill.Skill}' is outside {MinProficiency}–{MaxProficiency}.");
            }
        }

        var seenQueues = new HashSet<string>(StringComparer.Ordinal);
        foreach (var membership in agent.Queues)
        {
            if (!queueIds.Contains(membership.QueueId))
            {
                errors.Add($"{at}: unknown queue '{membership.QueueId}'.");
            }

            if (!seenQueues.Add(membership.QueueId))
            {
                errors.Add($"{at}: member of queue '{membership.QueueId}' twice.");
            }

            if (membership.Tier < 0)
            {
                errors.Add($"{at}: tier {membership.Tier} in queue '{membership.QueueId}' is negative.");
            }
        }

        if (agent.WrapUpTime is { } wrap && wrap < TimeSpan.Zero)
        {
            errors.Add($"{at}: WrapUpTime must not be negative.");
        }
    }

    private static void ValidateRequirement(SkillRequirement requirement, HashSet<string> skills, string at, List<string> errors)
    {
        if (!skills.Contains(requirement.Skill))
        {
            errors.Add($"{at}: unknown skill '{requirement.Skill}'.");
        }

        if (requirement.MinimumProficiency < MinProficiency || requirement.MinimumProficiency > MaxProficiency)
        {
            errors.Add($"{at}: proficiency {requirement.MinimumProficiency} for '{requirement.Skill}' is outside {MinProficiency}–{MaxProficiency}.");
        }
    }

    private static void ValidateTarget(OverflowTarget target, string ownQueue, HashSet<string> queueIds, string at, List<string> errors)
    {
        if (target.Kind != OverflowKind.Queue)
        {
            return;
        }

        if (target.QueueId is null || !queueIds.Contains(target.QueueId))
        {
            errors.Add($"{at}: unknown overflow queue '{target.QueueId}'.");
        }
        else if (target.QueueId == ownQueue)
        {
            errors.Add($"{at}: a queue cannot overflow to itself.");
        }
    }
}
