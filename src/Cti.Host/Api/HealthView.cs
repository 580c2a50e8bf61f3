namespace Cti.Host.Api;

internal sealed record HealthView(string Status, IReadOnlyList<string> SipListeners);
