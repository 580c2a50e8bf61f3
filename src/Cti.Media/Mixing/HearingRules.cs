namespace Cti.Media.Mixing;

/// <summary>The hearing rules call control uses, written once onto a <see cref="HearingMatrix"/>.</summary>
public static class HearingRules
{
    /// <summary>
    /// Customer and agent hear each other; the supervisor hears both; who hears the supervisor follows
    /// <paramref name="mode"/>. Other participants of the matrix are left as they are.
    /// </summary>
    public static void ApplyMonitoring(HearingMatrix matrix, MonitoringMode mode, int customer, int agent, int supervisor)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (customer == agent || customer == supervisor || agent == supervisor)
        {
            throw new ArgumentException("Customer, agent and supervisor must be different participants.");
        }

        matrix.Set(customer, agent, true);
        matrix.Set(agent, customer, true);
        matrix.Set(supervisor, customer, true);
        matrix.Set(supervisor, agent, true);
        matrix.Set(agent, supervisor, mode is MonitoringMode.Whisper or MonitoringMode.Barge);
        matrix.Set(customer, supervisor, mode is MonitoringMode.Barge);
    }

    /// <summary>Every one of <paramref name="parties"/> hears every other one (a conference); others are left as they are.</summary>
    public static void ApplyConference(HearingMatrix matrix, ReadOnlySpan<int> parties)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        foreach (var listener in parties)
        {
            foreach (var speaker in parties)
            {
                if (listener != speaker)
                {
                    matrix.Set(listener, speaker, true);
                }
            }
        }
    }
}
