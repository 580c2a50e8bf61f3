namespace Cti.Media.Mixing;

/// <summary>How a supervisor takes part in an agent's call with a customer.</summary>
public enum MonitoringMode
{
    /// <summary>The supervisor hears customer and agent; nobody hears the supervisor.</summary>
    Listen,

    /// <summary>As listen, and the agent (only) hears the supervisor: coaching the customer cannot hear.</summary>
    Whisper,

    /// <summary>Everyone hears everyone: the supervisor joins the conversation.</summary>
    Barge,
}
