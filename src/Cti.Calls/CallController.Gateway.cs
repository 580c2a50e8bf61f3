using Cti.Dialer.Campaigns;
using Cti.Campaigns;

namespace Cti.Calls;

internal sealed partial class CallController
{
    /// <summary>Whether <paramref name="lineGroup"/> names a group of serial gateway lines.</summary>
    private bool IsGatewayGroup(string lineGroup) =>
        _gateways.Groups.Contains(lineGroup, StringComparer.OrdinalIgnoreCase);

    /// <summary>Places a dialer call on a free line of the group; none free (down, busy, capped) is a network failure.</summary>
    private void PlaceOnGatewayLine(DialRequest request, IDialOutcomeSink campaign)
    {
        var line = _gateways.PickFreeLine(request.LineGroup);
        if (line is null)
        {
            GatewayLog.NoFreeLine(_logger, request.CallId, request.LineGroup);
            campaign.Report(new CallOutcomeReport(request.CallId, CallOutcome.NetworkFailure, TimeSpan.Zero));
            return;
        }

        _calls.Dialer(request, campaign, _calls.LineRoute(line), line);
    }

    private static partial class GatewayLog
    {
        [LoggerMessage(EventId = 5410, Level = LogLevel.Warning, Message = "Dial request {CallId}: no free line in gateway group {LineGroup}; reported as a network failure")]
        public static partial void NoFreeLine(ILogger logger, string callId, string lineGroup);
    }
}
