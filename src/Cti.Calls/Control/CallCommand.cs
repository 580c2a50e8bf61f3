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

/// <summary>Pause the recording (card numbers read out) or resume it; the gap is marked.</summary>
internal sealed record RecordingCallCommand(bool Pause) : CallCommand
{
    public override string Name => Pause ? "pause recording" : "resume recording";
}
