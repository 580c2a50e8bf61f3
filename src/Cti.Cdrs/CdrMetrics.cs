using Prometheus;

namespace Cti.Cdrs;

/// <summary>Instruments of the CDR writer; both labels are closed enums.</summary>
internal sealed class CdrMetrics
{
    private readonly Counter _written;

    public CdrMetrics(IMetricFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _written = factory.CreateCounter("cti_cdrs_written_total", "Call detail records committed, by disposition and direction.", ["disposition", "direction"]);
        foreach (var disposition in Enum.GetValues<CdrDisposition>())
        {
            foreach (var direction in Enum.GetValues<CallDirection>())
            {
                _written.WithLabels(CdrWire.Name(disposition), CdrWire.Name(direction));
            }
        }
    }

    public void Written(Cdr cdr) => _written.WithLabels(CdrWire.Name(cdr.Disposition), CdrWire.Name(cdr.Direction)).Inc();

    public double WrittenCount(CdrDisposition disposition, CallDirection direction) =>
        _written.WithLabels(CdrWire.Name(disposition), CdrWire.Name(direction)).Value;
}
