namespace Cti.Dialer.Campaigns;

/// <summary>
/// The agent's disposition of a live call. <see cref="HandleTime"/> is talk + wrap-up (it feeds the pacing model);
/// <see cref="CallbackAt"/> is required for <see cref="DispositionKind.Callback"/>.
/// </summary>
public sealed record AgentDisposition(string CallId, string AgentId, DispositionKind Kind, TimeSpan HandleTime, DateTimeOffset? CallbackAt = null);
