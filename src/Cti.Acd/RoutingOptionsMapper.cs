using Cti.Routing.Config;

namespace Cti.Acd;

/// <summary>
/// Turns the bound options into the engine's immutable <see cref="RoutingConfig"/>. Only the conversions that
/// can fail here (overflow target strings, missing ids) are reported; the rules of the configuration itself are
/// checked by <see cref="RoutingConfigValidator"/>.
/// </summary>
internal static class RoutingOptionsMapper
{
    public const string VoicemailTarget = "voicemail";
    public const string CallbackTarget = "callback";
    public const string QueueTargetPrefix = "queue:";

    public static RoutingConfig Map(RoutingOptions options, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RoutingConfig
        {
            Skills = [.. options.Skills],
            NotReadyReasons = options.NotReadyReasons.Count == 0 ? NotReadyReasons.Defaults : [.. options.NotReadyReasons],
            Queues = [.. options.Queues.Select((q, i) => MapQueue(q, q.Id, $"Queues[{i}]", errors))],
            Agents = [.. options.Agents.Select((a, i) => MapAgent(a, a.Id, $"Agents[{i}]", errors))],
            VipNumbers = [.. options.VipNumbers],
            VipPriorityBoost = options.VipPriorityBoost,
            PriorityStep = options.PriorityStep,
            LastAgentWindow = options.LastAgentWindow,
            LastAgentHold = options.LastAgentHold,
            WatchdogInterval = options.WatchdogInterval,
            OutboundReservationTimeout = options.OutboundReservationTimeout,
        };
    }

    public static QueueConfig MapQueue(RoutingQueueOptions queue, string? id, string at, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(queue);
        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add($"{at}: Id is required.");
        }

        return new QueueConfig(id ?? "")
        {
            Name = queue.Name,
            Priority = queue.Priority,
            Strategy = queue.Strategy,
            RequiredSkills = [.. queue.RequiredSkills.Select(s => new SkillRequirement(s.Skill, s.MinimumProficiency))],
            Escalation = [.. queue.Escalation.Select(s => new EscalationStep(s.After)
            {
                MinimumProficiency = s.MinimumProficiency,
                AdditionalSkill = s.AdditionalSkill is { } extra ? new SkillRequirement(extra.Skill, extra.MinimumProficiency) : null,
                Overflow = s.Overflow is null ? null : ParseTarget(s.Overflow, $"queue '{id}' escalation step at {s.After.TotalSeconds}s", errors),
            })],
            MaxWait = queue.MaxWait,
            MaxWaitTarget = ParseTarget(queue.MaxWaitTarget, $"queue '{id}' MaxWaitTarget", errors),
            MaxLength = queue.MaxLength,
            JoinWhenEmpty = queue.JoinWhenEmpty,
            LeaveWhenEmpty = queue.LeaveWhenEmpty,
            OverflowTarget = ParseTarget(queue.OverflowTarget, $"queue '{id}' OverflowTarget", errors),
            WrapUpTime = queue.WrapUpTime,
            RingTimeout = queue.RingTimeout,
            NoAnswerLimit = queue.NoAnswerLimit,
            ServiceLevelThreshold = queue.ServiceLevelThreshold,
            ShortAbandonThreshold = queue.ShortAbandonThreshold,
            AnnouncePosition = queue.AnnouncePosition,
            AnnounceInterval = queue.AnnounceInterval,
        };
    }

    public static AgentConfig MapAgent(RoutingAgentOptions agent, string? id, string at, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(agent);
        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add($"{at}: Id is required.");
        }

        return new AgentConfig(id ?? "")
        {
            Name = agent.Name,
            Extensions = agent.Extensions.Count == 0 && !string.IsNullOrWhiteSpace(id) ? [id] : [.. agent.Extensions],
            Skills = [.. agent.Skills.Select(s => new AgentSkill(s.Skill, s.Proficiency))],
            Queues = [.. agent.Queues.Select(m => new QueueMembership(m.Queue, m.Tier))],
            WrapUpTime = agent.WrapUpTime,
            Campaigns = [.. agent.Campaigns],
            Teams = [.. TeamsOf(agent)],
        };
    }

    private static IEnumerable<string> TeamsOf(RoutingAgentOptions agent) =>
        (string.IsNullOrWhiteSpace(agent.Team) ? agent.Teams : agent.Teams.Prepend(agent.Team))
            .Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.Ordinal);

    /// <summary>Parses <c>voicemail</c>, <c>callback</c> or <c>queue:&lt;id&gt;</c>; anything else is an error (voicemail is returned).</summary>
    public static OverflowTarget ParseTarget(string? text, string at, ICollection<string> errors)
    {
        var value = text?.Trim() ?? "";
        if (value.Equals(VoicemailTarget, StringComparison.OrdinalIgnoreCase))
        {
            return OverflowTarget.Voicemail;
        }

        if (value.Equals(CallbackTarget, StringComparison.OrdinalIgnoreCase))
        {
            return OverflowTarget.Callback;
        }

        if (value.StartsWith(QueueTargetPrefix, StringComparison.OrdinalIgnoreCase) && value.Length > QueueTargetPrefix.Length)
        {
            return OverflowTarget.ToQueue(value[QueueTargetPrefix.Length..]);
        }

        errors.Add($"{at}: '{text}' is not an overflow target (voicemail, callback or queue:<id>).");
        return OverflowTarget.Voicemail;
    }

    /// <summary>The inverse of <see cref="ParseTarget"/>, for API views.</summary>
    public static string FormatTarget(OverflowTarget target) => target.Kind switch
    {
        OverflowKind.Queue => QueueTargetPrefix + target.QueueId,
        OverflowKind.Callback => CallbackTarget,
        _ => VoicemailTarget,
    };

    /// <summary>The configuration of a queue in the shape of the options (and of the PUT body).</summary>
    public static RoutingQueueOptions ToOptions(QueueConfig queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        return new RoutingQueueOptions
        {
            Id = queue.Id,
            Name = queue.Name,
            Priority = queue.Priority,
            Strategy = queue.Strategy,
            RequiredSkills = [.. queue.RequiredSkills.Select(r => new SkillRequirementOptions { Skill = r.Skill, MinimumProficiency = r.MinimumProficiency })],
            Escalation = [.. queue.Escalation.Select(s => new EscalationStepOptions
            {
                After = s.After,
                MinimumProficiency = s.MinimumProficiency,
                AdditionalSkill = s.AdditionalSkill is { } extra ? new SkillRequirementOptions { Skill = extra.Skill, MinimumProficiency = extra.MinimumProficiency } : null,
                Overflow = s.Overflow is { } target ? FormatTarget(target) : null,
            })],
            MaxWait = queue.MaxWait,
            MaxWaitTarget = FormatTarget(queue.MaxWaitTarget),
            MaxLength = queue.MaxLength,
            JoinWhenEmpty = queue.JoinWhenEmpty,
            LeaveWhenEmpty = queue.LeaveWhenEmpty,
            OverflowTarget = FormatTarget(queue.OverflowTarget),
            WrapUpTime = queue.WrapUpTime,
            RingTimeout = queue.RingTimeout,
            NoAnswerLimit = queue.NoAnswerLimit,
            ServiceLevelThreshold = queue.ServiceLevelThreshold,
            ShortAbandonThreshold = queue.ShortAbandonThreshold,
            AnnouncePosition = queue.AnnouncePosition,
            AnnounceInterval = queue.AnnounceInterval,
        };
    }

    /// <summary>The configuration of an agent in the shape of the options (and of the PUT body).</summary>
    public static RoutingAgentOptions ToOptions(AgentConfig agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return new RoutingAgentOptions
        {
            Id = agent.Id,
            Name = agent.Name,
            Extensions = [.. agent.Extensions],
            Skills = [.. agent.Skills.Select(s => new AgentSkillOptions { Skill = s.Skill, Proficiency = s.Proficiency })],
            Queues = [.. agent.Queues.Select(m => new QueueMembershipOptions { Queue = m.QueueId, Tier = m.Tier })],
            WrapUpTime = agent.WrapUpTime,
            Campaigns = [.. agent.Campaigns],
            Teams = [.. agent.Teams],
        };
    }
}
