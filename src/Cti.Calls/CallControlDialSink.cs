using Cti.Dialer.Campaigns;
using Cti.Campaigns;

namespace Cti.Calls;

/// <summary>
/// The dialer's sink once call control runs: every request is placed at once as an outbound call through the trunk
/// or gateway group its line group names, except preview requests, which wait on the <see cref="PreviewBoard"/> for
/// their agent. <see cref="Pending"/> lists those previews.
/// </summary>
internal sealed class CallControlDialSink : IDialRequestSink
{
    private readonly CallController _calls;
    private readonly PreviewBoard _previews;

    public CallControlDialSink(CallController calls, PreviewBoard previews)
    {
        _calls = calls;
        _previews = previews;
        _previews.Place = (request, campaign) => _ = _calls.PlaceOutboundAsync(request, campaign);
    }

    public string Name => "sip";

    public void Accept(DialRequest request, IDialOutcomeSink campaign)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Preview && request.AgentId is not null)
        {
            _previews.Offer(request, campaign);
            return;
        }

        _ = _calls.PlaceOutboundAsync(request, campaign);
    }

    public IReadOnlyList<DialRequest> Pending(string campaignId) => _previews.ForCampaign(campaignId);
}
