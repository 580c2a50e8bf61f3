namespace Cti.Calls.Control;

/// <summary>A <see cref="CallCommand"/> on its way to the call's loop, completed with the call's answer.</summary>
internal sealed record CallCommandSignal(CallCommand Command) : CallSignal
{
    public TaskCompletionSource<CallCommandResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
