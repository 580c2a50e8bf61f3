using Microsoft.Extensions.Options;

namespace Cti.Webhooks;

/// <summary>Checks every configured subscription and the delivery limits, reporting all problems at once.</summary>
internal sealed class WebhooksOptionsValidator : IValidateOptions<WebhooksOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhooksOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Collect(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static List<string> Collect(WebhooksOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        const string Section = WebhooksOptions.SectionName;
        foreach (var (id, subscription) in options.Subscriptions)
        {
            var where = $"{Section}:Subscriptions:{id}";
            WebhookRules.Collect(id, subscription.Url, subscription.Secret, subscription.Types, subscription.BatchSize, (field, message) =>
                errors.Add(field == "Id" ? $"{where}: the name {message}" : $"{where}:{field} {message}"));
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{Section}:RequestTimeout must be positive.");
        }

        if (options.MaxRetries is < 0 or > 20)
        {
            errors.Add($"{Section}:MaxRetries must be 0-20.");
        }

        if (options.RetryDelay <= TimeSpan.Zero)
        {
            errors.Add($"{Section}:RetryDelay must be positive.");
        }

        // Polly's circuit breaker accepts no shorter break.
        if (options.BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            errors.Add($"{Section}:BreakDuration must be at least 0.5 s.");
        }

        if (options.DeadLetterAfter <= TimeSpan.Zero)
        {
            errors.Add($"{Section}:DeadLetterAfter must be positive.");
        }

        if (options.BatchSize is < 1 or > WebhookRules.MaxBatchSize)
        {
            errors.Add($"{Section}:BatchSize must be 1-{WebhookRules.MaxBatchSize}.");
        }

        return errors;
    }
}
