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

/// <summary>Blind transfer of the connected call to a queue, an agent or an outside number.</summary>
internal sealed record TransferCallCommand(string Target) : CallCommand
{
    public override string Name => "transfer";
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

/// <summary>Pause the recording (card numbers read out) or resume it; the gap is marked.</summary>
internal sealed record RecordingCallCommand(bool Pause) : CallCommand
{
    public override string Name => Pause ? "pause recording" : "resume recording";
}
