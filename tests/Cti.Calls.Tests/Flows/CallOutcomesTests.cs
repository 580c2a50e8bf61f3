using Cti.Dialer.Campaigns;
using Cti.Calls.Flows;

namespace Cti.Calls.Tests.Flows;

public sealed class CallOutcomesTests
{
    [Theory]
    [InlineData(486, CallOutcome.Busy)]
    [InlineData(603, CallOutcome.Busy)]
    [InlineData(408, CallOutcome.NoAnswer)]
    [InlineData(487, CallOutcome.NoAnswer)]
    [InlineData(404, CallOutcome.Invalid)]
    [InlineData(484, CallOutcome.Invalid)]
    [InlineData(503, CallOutcome.NetworkFailure)]
    public void OutcomeOf_FinalStatus_DialerOutcome(int status, CallOutcome expected) =>
        Assert.Equal(expected, CallOutcomes.OutcomeOf(status));

    [Theory]
    [InlineData(CallOutcome.Busy, "Busy")]
    [InlineData(CallOutcome.NoAnswer, "NoAnswer")]
    [InlineData(CallOutcome.Invalid, "InvalidNumber")]
    [InlineData(CallOutcome.Abandoned, "Abandoned")]
    [InlineData(CallOutcome.AnsweredMachine, "Answered")]
    [InlineData(CallOutcome.NetworkFailure, "NetworkFailure")]
    public void DispositionOf_Outcome_CdrDisposition(CallOutcome outcome, string expected) =>
        Assert.Equal(expected, CallOutcomes.DispositionOf(outcome).ToString());
}
