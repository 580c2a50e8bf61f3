namespace Cti.Calls;

/// <summary>Q.850 cause values for the CDR, mapped from SIP status codes as in RFC 3398 §8.2.6 (the common ones).</summary>
internal static class Q850Causes
{
    public const int NormalClearing = 16;
    public const int UserBusy = 17;
    public const int NoUserResponding = 18;
    public const int NoAnswer = 19;
    public const int CallRejected = 21;
    public const int Unallocated = 1;
    public const int NormalUnspecified = 31;
    public const int TemporaryFailure = 41;
    public const int IncompatibleDestination = 88;
    public const int RecoveryOnTimerExpiry = 102;

    public static int FromSipStatus(int status) => status switch
    {
        >= 200 and < 300 => NormalClearing,
        404 or 484 => Unallocated,
        408 => RecoveryOnTimerExpiry,
        480 => NoUserResponding,
        486 or 600 => UserBusy,
        487 => NormalClearing,
        488 or 606 => IncompatibleDestination,
        403 or 603 => CallRejected,
        500 or 503 => TemporaryFailure,
        _ => NormalUnspecified,
    };

    /// <summary>The cause of a <c>Reason: Q.850;cause=N</c> header, when present.</summary>
    public static int? FromReasonHeader(string? reason)
    {
        if (reason is null || !reason.TrimStart().StartsWith("Q.850", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var at = reason.IndexOf("cause=", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return null;
        }

        var digits = new string(reason.AsSpan(at + 6).ToArray().TakeWhile(char.IsAsciiDigit).ToArray());
        return int.TryParse(digits, System.Globalization.CultureInfo.InvariantCulture, out var cause) && cause is > 0 and < 128 ? cause : null;
    }
}
