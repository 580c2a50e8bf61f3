using Cti.Calls.Legs;
using Cti.Routing.Engine;
using Cti.Sip.Messages;
using Cti.Sip.Stack;
using Cti.Sip.Transport;

namespace Cti.Calls;

/// <summary>Inputs of one call's loop; everything that changes a call arrives as one of these.</summary>
internal abstract record CallSignal;

/// <summary>An ACD decision or event about this call.</summary>
internal sealed record AcdSignal(AcdOutput Output) : CallSignal;

/// <summary>The caller sent CANCEL (the stack has answered 487).</summary>
internal sealed record CallerCancelledSignal : CallSignal;

internal sealed record CalleeProvisionalSignal(string Token, SipResponse Response) : CallSignal;

internal sealed record CalleeFinalSignal(string Token, SipResponse Response) : CallSignal;

/// <summary>A callee leg rang past its guard time without a final response.</summary>
internal sealed record CalleeGuardSignal(string Token) : CallSignal;

/// <summary>A request inside one of the call's dialogs (BYE, re-INVITE, REFER, INFO, NOTIFY).</summary>
/// <remarks><see cref="Handled"/> completes once the request is answered: the stack answers 500 to a non-INVITE
/// request still unanswered when its handler returns.</remarks>
internal sealed record InDialogSignal(SipServerContext Context, CallLegSide Side) : CallSignal
{
    public TaskCompletionSource Handled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set while the request waits for the final response of the INVITE that creates its dialog.</summary>
    public bool Deferred { get; set; }
}

/// <summary>The final response to a re-INVITE or other request we sent inside a dialog.</summary>
internal sealed record InDialogResponseSignal(CallLegSide Side, string Method, uint CSeq, SipResponse Response) : CallSignal;

/// <summary>A 2xx to one of our INVITEs arrived again after its transaction ended.</summary>
internal sealed record Retransmitted2xxSignal(SipResponse Response, SipEndPoint Source) : CallSignal;

/// <summary>The welcome prompt has played; switch the caller to music.</summary>
internal sealed record WelcomeDoneSignal : CallSignal;

/// <summary>The call reached its maximum duration.</summary>
internal sealed record MaxDurationSignal : CallSignal;

/// <summary>An outbound call's customer answered and no agent joined within the abandon wait.</summary>
internal sealed record AbandonDeadlineSignal : CallSignal;

/// <summary>The abandon message has played; release the customer.</summary>
internal sealed record AbandonMessagePlayedSignal : CallSignal;

/// <summary>Look again for a free campaign agent.</summary>
internal sealed record HuntAgentSignal : CallSignal;

/// <summary>The service is stopping: end the call now.</summary>
internal sealed record ShutdownSignal : CallSignal;
