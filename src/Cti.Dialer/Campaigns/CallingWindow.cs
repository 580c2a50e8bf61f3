using NodaTime;

namespace Cti.Dialer.Campaigns;

/// <summary>
/// When a callee may be called, in the callee's local time: allowed days, a daily start/end and holidays.
/// <see cref="End"/> is exclusive.
/// </summary>
public sealed record CallingWindow
{
    public IReadOnlySet<IsoDayOfWeek> Days { get; init; } = new HashSet<IsoDayOfWeek>
    {
        IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday,
    };

    public LocalTime Start { get; init; } = new(9, 0);

    public LocalTime End { get; init; } = new(20, 0);

    public IReadOnlySet<LocalDate> Holidays { get; init; } = new HashSet<LocalDate>();

    /// <summary>True when <paramref name="local"/> falls inside the window.</summary>
    public bool Allows(LocalDateTime local) =>
        Days.Contains(local.DayOfWeek) && !Holidays.Contains(local.Date) && local.TimeOfDay >= Start && local.TimeOfDay < End;
}
