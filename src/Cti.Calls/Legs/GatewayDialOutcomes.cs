using System.Globalization;
using Cti.Dialer.Campaigns;
using Cti.Gateways.Lines;
using Cti.Cdrs;

namespace Cti.Calls.Legs;

/// <summary>
/// Maps how an AT dial ended to the dialer's outcome, the CDR's hang-up party and a Q.850 cause: BUSY is busy,
/// NO ANSWER no answer, NO CARRIER before the answer is read from the +CEER cause when the module gave one, and
/// +CME errors, a missing dial tone or a failed line are network failures.
/// </summary>
internal static class GatewayDialOutcomes
{
    public static (CallOutcome Outcome, HangupParty HungUpBy, int Q850) Map(GatewayDialResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Outcome switch
        {
            GatewayDialOutcome.Busy => (CallOutcome.Busy, HangupParty.Callee, Q850Causes.UserBusy),
            GatewayDialOutcome.NoAnswer => (CallOutcome.NoAnswer, HangupParty.System, Q850Causes.NoAnswer),
            GatewayDialOutcome.NoCarrier => FromCause(result.Cause) is { } byCause
                ? (byCause.Outcome, HangupParty.Callee, byCause.Q850)
                : (CallOutcome.NetworkFailure, HangupParty.System, Q850Causes.TemporaryFailure),
            _ => (CallOutcome.NetworkFailure, HangupParty.System, Q850Causes.TemporaryFailure),
        };
    }

    /// <summary>
    /// Reads a +CEER release cause: modules send either the 3GPP/Q.850 text ("User busy", "Unassigned (unallocated)
    /// number") or a number ("CC cause 17"); null when it says nothing the dialer can use.
    /// </summary>
    public static (CallOutcome Outcome, int Q850)? FromCause(string? cause)
    {
        if (string.IsNullOrWhiteSpace(cause))
        {
            return null;
        }

        var text = cause.ToUpperInvariant();
        if (text.Contains("BUSY", StringComparison.Ordinal))
        {
            return (CallOutcome.Busy, Q850Causes.UserBusy);
        }

        if (text.Contains("REJECT", StringComparison.Ordinal))
        {
            return (CallOutcome.Busy, Q850Causes.CallRejected);
        }

        if (text.Contains("NO ANSWER", StringComparison.Ordinal) || text.Contains("NO USER RESPONDING", StringComparison.Ordinal) ||
            text.Contains("NOT RESPONDING", StringComparison.Ordinal))
        {
            return (CallOutcome.NoAnswer, Q850Causes.NoAnswer);
        }

        if (text.Contains("UNASSIGNED", StringComparison.Ordinal) || text.Contains("UNALLOCATED", StringComparison.Ordinal) ||
            text.Contains("NO ROUTE TO DESTINATION", StringComparison.Ordinal) || text.Contains("INVALID NUMBER", StringComparison.Ordinal) ||
            text.Contains("NUMBER CHANGED", StringComparison.Ordinal))
        {
            return (CallOutcome.Invalid, Q850Causes.Unallocated);
        }

        return CauseNumber(text) switch
        {
            1 or 3 or 22 or 28 => (CallOutcome.Invalid, Q850Causes.Unallocated),
            17 => (CallOutcome.Busy, Q850Causes.UserBusy),
            21 => (CallOutcome.Busy, Q850Causes.CallRejected),
            18 or 19 => (CallOutcome.NoAnswer, Q850Causes.NoAnswer),
            _ => null,
        };
    }

    /// <summary>The last number in the text, when it is a plausible cause value (1-127).</summary>
    private static int? CauseNumber(string text)
    {
        var end = text.Length;
        while (end > 0 && !char.IsAsciiDigit(text[end - 1]))
        {
            end--;
        }

        var start = end;
        while (start > 0 && char.IsAsciiDigit(text[start - 1]))
        {
            start--;
        }

        return end > start && end - start <= 3 && int.TryParse(text.AsSpan(start, end - start), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 127
            ? value
            : null;
    }
}
