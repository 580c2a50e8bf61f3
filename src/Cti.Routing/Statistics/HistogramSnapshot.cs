namespace Cti.Routing.Statistics;

/// <summary>
/// Bucket counts of a duration distribution. <see cref="Counts"/> has one entry per upper bound plus a
/// final +Inf bucket; counts are per bucket (not cumulative), so an exporter sums them for "le" buckets.
/// </summary>
public sealed record HistogramSnapshot(
    IReadOnlyList<double> UpperBoundsSeconds,
    IReadOnlyList<long> Counts,
    double SumSeconds,
    long Count);
