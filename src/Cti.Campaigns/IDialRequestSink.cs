using Cti.Dialer.Campaigns;

namespace Cti.Campaigns;

/// <summary>
/// Where campaigns hand the calls they want placed: call control implements it and reports each call's outcome to
/// the <see cref="IDialOutcomeSink"/> that came with it. <see cref="PendingDialRequestSink"/> keeps requests pending
/// where nothing places calls (dialer tests).
/// </summary>
internal interface IDialRequestSink
{
    string Name { get; }

    void Accept(DialRequest request, IDialOutcomeSink campaign);

    /// <summary>Requests of the campaign not yet placed, oldest first.</summary>
    IReadOnlyList<DialRequest> Pending(string campaignId);
}
