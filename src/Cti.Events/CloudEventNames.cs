namespace Cti.Events;

/// <summary>
/// How the log's event types and node appear in the CloudEvents envelope: <c>call.ended</c> is published as
/// <c>com.cti.call.ended</c> from <c>/cti/&lt;node id&gt;</c>.
/// </summary>
internal static class CloudEventNames
{
    public const string TypePrefix = "com.cti.";

    public const string SpecVersion = "1.0";

    /// <summary>Media type of one structured-mode event.</summary>
    public const string StructuredMediaType = "application/cloudevents+json";

    /// <summary>Media type of a JSON array of structured-mode events.</summary>
    public const string BatchMediaType = "application/cloudevents-batch+json";

    /// <summary>Extension attributes carrying the log's correlation fields (CloudEvents names: lower-case, no dots).</summary>
    public const string CallIdAttribute = "callid";

    public const string AgentIdAttribute = "agentid";

    public const string QueueAttribute = "queue";

    public static string ToCloudEventType(string type) => TypePrefix + type;

    public static string Source(string nodeId) => "/cti/" + nodeId;
}
