namespace Cti.Platform.Audit;

/// <summary>How an audited action ended.</summary>
internal enum AuditOutcome
{
    /// <summary>Done.</summary>
    Succeeded,

    /// <summary>Refused because the caller may not do it to this target.</summary>
    Denied,

    /// <summary>Allowed but not done (the target refused, e.g. a state change the engine rejected).</summary>
    Failed,
}
