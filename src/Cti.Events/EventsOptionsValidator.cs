using Microsoft.Extensions.Options;

namespace Cti.Events;

/// <summary>Reports every problem of <c>Cti:Events</c> at once.</summary>
internal sealed class EventsOptionsValidator : IValidateOptions<EventsOptions>
{
    public ValidateOptionsResult Validate(string? name, EventsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Collect(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static List<string> Collect(EventsOptions options)
    {
        var errors = new List<string>();
        const string prefix = EventsOptions.SectionName;
        if (options.RetentionDays is < 1 or > 3650)
        {
            errors.Add($"{prefix}:RetentionDays must be between 1 and 3650 (is {options.RetentionDays}).");
        }

        if (options.SweepInterval < TimeSpan.FromSeconds(1) || options.SweepInterval > TimeSpan.FromDays(1))
        {
            errors.Add($"{prefix}:SweepInterval must be between 00:00:01 and 1.00:00:00 (is {options.SweepInterval}).");
        }

        if (options.StreamWriteTimeout < TimeSpan.FromSeconds(1) || options.StreamWriteTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{prefix}:StreamWriteTimeout must be between 00:00:01 and 00:10:00 (is {options.StreamWriteTimeout}).");
        }

        if (options.HeartbeatInterval < TimeSpan.FromSeconds(1) || options.HeartbeatInterval > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{prefix}:HeartbeatInterval must be between 00:00:01 and 00:05:00 (is {options.HeartbeatInterval}).");
        }

        if (options.SubscriberBufferSize is < 16 or > 1_000_000)
        {
            errors.Add($"{prefix}:SubscriberBufferSize must be between 16 and 1000000 (is {options.SubscriberBufferSize}).");
        }

        if (options.MaxBatchSize is < 1 or > 100_000)
        {
            errors.Add($"{prefix}:MaxBatchSize must be between 1 and 100000 (is {options.MaxBatchSize}).");
        }

        return errors;
    }
}
