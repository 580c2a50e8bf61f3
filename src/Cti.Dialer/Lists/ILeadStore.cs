namespace Cti.Dialer.Lists;

/// <summary>Lead storage. The host implements it over SQLite; tests use <see cref="InMemoryLeadStore"/>.</summary>
public interface ILeadStore
{
    /// <summary>True when a lead with this E.164 number already exists in any list of the campaign.</summary>
    bool ContainsNumber(string campaignId, string e164);

    void Add(string campaignId, Lead lead);

    IReadOnlyList<Lead> GetLeads(string campaignId);
}
