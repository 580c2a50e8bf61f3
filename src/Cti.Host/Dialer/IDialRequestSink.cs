using Cti.Dialer.Campaigns;

namespace Cti.Host.Dialer;

/// <summary>
/// Where campaigns hand the calls they want placed. Call control will implement this and report outcomes back;
/// until then <see cref="PendingDialRequestSink"/> keeps the requests pending for the live status.
/// </summary>
internal interface IDialRequestSink
{
    string Name { get; }

    void Accept(DialRequest request);

    /// <summary>Requests of the campaign not yet placed, oldest first.</summary>
    IReadOnlyList<DialRequest> Pending(string campaignId);
}
