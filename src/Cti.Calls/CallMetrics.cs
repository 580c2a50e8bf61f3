using Cti.Cdrs;
using Prometheus;

namespace Cti.Calls;

/// <summary>Prometheus instruments of call control. Labels are bounded: direction, disposition, rejection reason.</summary>
internal sealed class CallMetrics
{
    private readonly Gauge _active;
    private readonly Counter _calls;
    private readonly Counter _rejected;
    private readonly Counter _rtpRelayed;
    private readonly Counter _rtpLost;
    private readonly Counter _recordingBytes;
    private readonly Counter _transfers;

    public CallMetrics(IMetricFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _active = factory.CreateGauge("cti_calls_active", "Calls in progress (queued, ringing or talking).");
        _calls = factory.CreateCounter("cti_calls_total", "Calls ended, by direction and disposition.", ["direction", "disposition"]);
        _rejected = factory.CreateCounter("cti_calls_rejected_total", "Calls refused before they were queued, by reason.", ["reason"]);
        _rtpRelayed = factory.CreateCounter("cti_rtp_packets_relayed_total", "RTP packets the relay sent to each side (relayed or played), updated every 5 s and at call end.", ["direction"]);
        _rtpLost = factory.CreateCounter("cti_rtp_packets_lost_total", "RTP packets missing from the parties' sequence numbers, updated every 5 s and at call end.");
        _recordingBytes = factory.CreateCounter("cti_recording_bytes_total", "Bytes written to call recordings.");
        _transfers = factory.CreateCounter("cti_calls_transferred_total", "Blind transfers, by target kind.", ["kind"]);
        foreach (var direction in new[] { "inbound", "outbound" })
        {
            foreach (var disposition in Enum.GetValues<CdrDisposition>())
            {
                _calls.WithLabels(direction, CdrWire.Name(disposition));
            }
        }

        foreach (var reason in CallRejectReasons.All)
        {
            _rejected.WithLabels(reason);
        }
    }

    public void Started() => _active.Inc();

    public void Ended(CallDirection direction, CdrDisposition disposition)
    {
        _active.Dec();
        _calls.WithLabels(CdrWire.Name(direction), CdrWire.Name(disposition)).Inc();
    }

    public void Rejected(string reason) => _rejected.WithLabels(reason).Inc();

    public void Media(long toCaller, long toCallee, long lost, long recordingBytes)
    {
        _rtpRelayed.WithLabels("to_caller").Inc(toCaller);
        _rtpRelayed.WithLabels("to_callee").Inc(toCallee);
        _rtpLost.Inc(lost);
        _recordingBytes.Inc(recordingBytes);
    }

    public void Transferred(string kind) => _transfers.WithLabels(kind).Inc();
}
