using Cti.Media.Mixing;

namespace Cti.Calls.Parties;

/// <summary>The names of the supervisor's modes in the API, events and the CDR.</summary>
internal static class MonitoringModes
{
    /// <summary>The mode a conference member is in, as events and the CDR name it.</summary>
    public const string Conference = "conference";

    /// <summary>The mode of an attended transfer's target while it talks to the agent.</summary>
    public const string Consult = "consult";

    public static bool TryParse(string? text, out MonitoringMode mode)
    {
        mode = text switch
        {
            "listen" => MonitoringMode.Listen,
            "whisper" => MonitoringMode.Whisper,
            "barge" => MonitoringMode.Barge,
            _ => (MonitoringMode)(-1),
        };
        return Enum.IsDefined(mode);
    }

    public static string Name(MonitoringMode mode) => mode switch
    {
        MonitoringMode.Whisper => "whisper",
        MonitoringMode.Barge => "barge",
        _ => "listen",
    };
}
