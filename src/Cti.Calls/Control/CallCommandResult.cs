namespace Cti.Calls.Control;

/// <summary>How a call took a command: done, or refused because of the state it is in.</summary>
internal enum CallCommandStatus
{
    /// <summary>Done (or under way: a transfer's target rings).</summary>
    Done,

    /// <summary>The call is not in a state where the command makes sense (409, naming the state).</summary>
    Conflict,

    /// <summary>The command names something that does not exist (400).</summary>
    Invalid,
}

/// <summary>The answer of a call to a <see cref="CallCommand"/>, with the call as it is afterwards.</summary>
internal sealed record CallCommandResult(CallCommandStatus Status, CallView View, string? Detail = null)
{
    public static CallCommandResult Done(CallView view) => new(CallCommandStatus.Done, view);

    public static CallCommandResult Conflict(CallView view, string detail) => new(CallCommandStatus.Conflict, view, detail);

    public static CallCommandResult Invalid(CallView view, string detail) => new(CallCommandStatus.Invalid, view, detail);
}
