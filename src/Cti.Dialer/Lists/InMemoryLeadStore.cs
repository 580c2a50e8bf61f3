namespace Cti.Dialer.Lists;

/// <summary>A dictionary-backed <see cref="ILeadStore"/> for tests and the simulator.</summary>
public sealed class InMemoryLeadStore : ILeadStore
{
    private readonly Dictionary<string, List<Lead>> _leads = new(StringComparer.Ordinal);
    private readonly HashSet<(string Campaign, string Number)> _numbers = [];

    public bool ContainsNumber(string campaignId, string e164) => _numbers.Contains((campaignId, e164));

    public void Add(string campaignId, Lead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        if (!_leads.TryGetValue(campaignId, out var list))
        {
            list = [];
            _leads[campaignId] = list;
        }

        list.Add(lead);
        _numbers.Add((campaignId, lead.Phone.E164));
    }

    public IReadOnlyList<Lead> GetLeads(string campaignId) =>
        _leads.TryGetValue(campaignId, out var list) ? list.ToArray() : [];
}
