using Cti.Routing.Statistics;

namespace Cti.Acd;

/// <summary>Per-queue KPIs (counters cumulative since the service started).</summary>
internal sealed record QueueStatsView(
    string QueueId,
    int Waiting,
    double LongestWaitSeconds,
    double EstimatedWaitSeconds,
    long Offered,
    long Answered,
    long AnsweredWithinThreshold,
    long Abandoned,
    long ShortAbandoned,
    long TimedOut,
    long Overflowed,
    long Handled,
    double ServiceLevel,
    double ServiceLevelOfOffered,
    double AsaSeconds,
    double AhtSeconds,
    double MaxObservedWaitSeconds,
    int AgentsLoggedIn,
    int AgentsReady,
    double Occupancy)
{
    public static QueueStatsView From(QueueSnapshot q, double occupancy) => new(
        q.QueueId,
        q.Waiting,
        q.LongestWait.TotalSeconds,
        q.EstimatedWait.TotalSeconds,
        q.Offered,
        q.Answered,
        q.AnsweredWithinThreshold,
        q.Abandoned,
        q.ShortAbandoned,
        q.TimedOut,
        q.Overflowed,
        q.Handled,
        q.ServiceLevel,
        q.ServiceLevelOfOffered,
        q.AverageSpeedOfAnswer.TotalSeconds,
        q.AverageHandleTime.TotalSeconds,
        q.MaxObservedWait.TotalSeconds,
        q.AgentsLoggedIn,
        q.AgentsReady,
        occupancy);
}
