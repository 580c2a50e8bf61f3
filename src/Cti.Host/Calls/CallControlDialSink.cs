using Cti.Dialer.Campaigns;
using Cti.Host.Dialer;

namespace Cti.Host.Calls;

/// <summary>
/// The dialer's sink once call control runs: every request is placed at once as an outbound call through the trunk
/// its line group names. Nothing waits here, so <see cref="Pending"/> is always empty.
/// </summary>
internal sealed class CallControlDialSink(CallController calls) : IDialRequestSink
{
    public string Name => "sip";

    public void Accept(DialRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        _ = calls.PlaceOutboundAsync(request);
    }

    public IReadOnlyList<DialRequest> Pending(string campaignId) => [];
}
