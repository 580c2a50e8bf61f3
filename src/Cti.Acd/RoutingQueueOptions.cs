namespace Cti.Acd;

/// <summary>One queue in <c>Cti:Routing:Queues</c>; also the body of PUT /api/v1/queues/{id}.</summary>
internal sealed class RoutingQueueOptions
{
    /// <summary>Taken from the URL on PUT; required in configuration.</summary>
    public string? Id { get; set; }

    public string? Name { get; set; }

    public int Priority { get; set; }

    public string Strategy { get; set; } = Cti.Routing.Strategies.RoutingStrategies.LongestIdle;

    public IList<SkillRequirementOptions> RequiredSkills { get; set; } = new List<SkillRequirementOptions>();

    public IList<EscalationStepOptions> Escalation { get; set; } = new List<EscalationStepOptions>();

    public TimeSpan? MaxWait { get; set; }

    /// <summary><c>voicemail</c>, <c>callback</c> or <c>queue:&lt;id&gt;</c>.</summary>
    public string MaxWaitTarget { get; set; } = "voicemail";

    public int MaxLength { get; set; }

    public bool JoinWhenEmpty { get; set; } = true;

    public bool LeaveWhenEmpty { get; set; }

    /// <summary><c>voicemail</c>, <c>callback</c> or <c>queue:&lt;id&gt;</c>.</summary>
    public string OverflowTarget { get; set; } = "voicemail";

    public TimeSpan WrapUpTime { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan RingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public int NoAnswerLimit { get; set; } = 3;

    public TimeSpan ServiceLevelThreshold { get; set; } = TimeSpan.FromSeconds(20);

    public TimeSpan ShortAbandonThreshold { get; set; } = TimeSpan.FromSeconds(5);

    public bool AnnouncePosition { get; set; }

    public TimeSpan? AnnounceInterval { get; set; }
}
