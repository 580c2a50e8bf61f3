namespace Cti.Calls.Control;

/// <summary>A third-party request about one live call, carried out on the call's own loop.</summary>
internal abstract record CallCommand
{
    /// <summary>What the command is called in answers and logs ("hangup", "hold"…).</summary>
    public abstract string Name { get; }
}

/// <summary>Describe the call as it is now; full numbers only for callers allowed to see them.</summary>
internal sealed record DescribeCallCommand(bool FullNumbers) : CallCommand
{
    public override string Name => "describe";
}

/// <summary>End the call for every party.</summary>
internal sealed record HangupCallCommand : CallCommand
{
    public override string Name => "hangup";
}

/// <summary>Put the customer on hold (music) or take them off it.</summary>
internal sealed record HoldCallCommand(bool Hold) : CallCommand
{
    public override string Name => Hold ? "hold" : "resume";
}

/// <summary>
/// Transfer of the connected call to a queue, an agent or an outside number: blind, or attended (the customer held
/// while the agent consults the target first).
/// </summary>
internal sealed record TransferCallCommand(string Target, bool Attended = false) : CallCommand
{
    public override string Name => Attended ? "attended transfer" : "transfer";
}

/// <summary>Hand the customer to the consulted target.</summary>
internal sealed record CompleteTransferCommand : CallCommand
{
    public override string Name => "complete transfer";
}

/// <summary>Hang up on the consulted target; the customer comes back to the agent.</summary>
internal sealed record CancelTransferCommand : CallCommand
{
    public override string Name => "cancel transfer";
}

/// <summary>Ring a supervisor's phone to listen in, whisper to the agent or barge into the call.</summary>
internal sealed record MonitorCallCommand(string Supervisor, Cti.Media.Mixing.MonitoringMode Mode) : CallCommand
{
    public override string Name => "monitor";
}

/// <summary>Switch the supervisor on the call to another mode.</summary>
internal sealed record MonitorModeCommand(Cti.Media.Mixing.MonitoringMode Mode) : CallCommand
{
    public override string Name => "change monitoring mode";
}

/// <summary>Bring a third party (an agent, a number) into the conversation: everyone hears everyone.</summary>
internal sealed record ConferenceAddCommand(string Party) : CallCommand
{
    public override string Name => "add to conference";
}

/// <summary>Take the supervisor off the call (the call goes on).</summary>
internal sealed record StopMonitorCommand : CallCommand
{
    public override string Name => "stop monitoring";
}

/// <summary>Take one conference member (<see cref="Party"/>) or all of them off the call (the call goes on).</summary>
internal sealed record EndConferenceCommand(string? Party) : CallCommand
{
    public override string Name => "end conference";
}

/// <summary>Pause the recording (card numbers read out) or resume it; the gap is marked.</summary>
internal sealed record RecordingCallCommand(bool Pause) : CallCommand
{
    public override string Name => Pause ? "pause recording" : "resume recording";
}
