namespace Cti.Calls.Control;

/// <summary>
/// The way in for third-party call control: finds a live call by its correlation id and hands it a command, which
/// the call carries out on its own loop; the answer comes back with the call as it is afterwards.
/// </summary>
internal sealed class CallControl(CallRegistry registry, TimeProvider time)
{
    /// <summary>How long a call may take to answer a command before the request gives up (503).</summary>
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Null when no live call has <paramref name="id"/> (never existed, or already ended and gone).</summary>
    public async Task<CallCommandResult?> SendAsync(string id, CallCommand command, CancellationToken cancellationToken)
    {
        if (registry.Find(id) is not { } call)
        {
            return null;
        }

        var signal = new CallCommandSignal(command);
        if (!call.Post(signal))
        {
            return null;
        }

        return await signal.Result.Task.WaitAsync(AnswerTimeout, time, cancellationToken);
    }

    /// <summary>Every live call, oldest first; a call that ends while it is asked is left out.</summary>
    public async Task<IReadOnlyList<CallView>> ListAsync(bool fullNumbers, CancellationToken cancellationToken)
    {
        var asks = registry.Calls.Select(call => SendAsync(call.Id, new DescribeCallCommand(fullNumbers), cancellationToken)).ToArray();
        var answers = await Task.WhenAll(asks);
        return [.. answers.Where(a => a is { View.State: not CallStates.Ended }).Select(a => a!.View).OrderBy(v => v.StartedAt).ThenBy(v => v.Id, StringComparer.Ordinal)];
    }
}
