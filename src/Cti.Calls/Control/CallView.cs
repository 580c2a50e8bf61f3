namespace Cti.Calls.Control;

/// <summary>
/// One live call as the API shows it. <see cref="Id"/> is the correlation id every <c>call.*</c> event, the CDR and
/// the recording carry.
/// </summary>
internal sealed record CallView(
    string Id,
    string Direction,
    string State,
    string? Queue,
    string? Agent,
    string? Campaign,
    DateTimeOffset StartedAt,
    DateTimeOffset? AnsweredAt,
    bool Held,
    string Recording,
    IReadOnlyList<CallLegView> Legs);

/// <summary>
/// One party of a live call: <c>caller</c> (a caller or a dialled customer), <c>agent</c> or <c>external</c> (a
/// transfer target), with its state (<c>ringing</c>, <c>connected</c>, <c>held</c>, <c>waiting</c>).
/// </summary>
internal sealed record CallLegView(string Role, string Party, string State);

/// <summary>The states a live call is in, as the API names them.</summary>
internal static class CallStates
{
    /// <summary>Waiting for an answer or an agent: in a queue, ringing, or between transfer steps.</summary>
    public const string Waiting = "waiting";

    /// <summary>Two parties talk.</summary>
    public const string Connected = "connected";

    /// <summary>Connected, with the customer on hold.</summary>
    public const string Held = "held";

    public const string Ended = "ended";
}
