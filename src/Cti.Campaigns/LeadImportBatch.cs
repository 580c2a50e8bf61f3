using Cti.Dialer.Lists;

namespace Cti.Campaigns;

/// <summary>
/// The <see cref="ILeadStore"/> the CSV importer writes into during one upload: it dedupes against the campaign's
/// numbers loaded once up front and collects the accepted leads, which are then stored in a single transaction.
/// </summary>
internal sealed class LeadImportBatch : ILeadStore
{
    private readonly string _campaignId;
    private readonly HashSet<string> _existing;
    private readonly List<Lead> _added = [];

    public LeadImportBatch(string campaignId, HashSet<string> existingNumbers)
    {
        _campaignId = campaignId;
        _existing = existingNumbers;
    }

    public IReadOnlyList<Lead> Added => _added;

    public bool ContainsNumber(string campaignId, string e164) => campaignId == _campaignId && _existing.Contains(e164);

    public void Add(string campaignId, Lead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        _added.Add(lead);
    }

    public IReadOnlyList<Lead> GetLeads(string campaignId) => campaignId == _campaignId ? _added : [];
}
