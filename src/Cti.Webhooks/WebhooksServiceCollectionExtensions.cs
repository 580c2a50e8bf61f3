using Cti.Events.Sinks;
using Cti.Platform.Security;
using Cti.Platform.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Cti.Webhooks;

internal static class WebhooksServiceCollectionExtensions
{
    /// <summary>Binds <c>Cti:Webhooks</c> and registers delivery. Needs <c>AddEvents</c>.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<WebhooksOptions>().Bind(configuration.GetSection(WebhooksOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhooksOptions>, WebhooksOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SqliteWebhookStore(sp.GetRequiredService<SqliteDatabase>()));
        services.TryAddSingleton<WebhookSender>();
        services.TryAddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        return services;
    }

    /// <summary>Maps /api/v1/webhooks: list, create, get, delete, replay; admin only.</summary>
    public static RouteGroupBuilder MapWebhooksApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/webhooks").WithTags("Webhooks").RequireAuthorization(CtiPolicies.Configure);
        group.MapGet("/", (WebhookDispatcher dispatcher, SqliteWebhookStore store) =>
            Results.Ok(store.List().Select(s => WebhookView.Create(s, dispatcher.LogEnd)).ToArray())).WithName("ListWebhooks");
        group.MapPost("/", CreateAsync).WithName("CreateWebhook");
        group.MapGet("/{id}", (string id, WebhookDispatcher dispatcher, SqliteWebhookStore store) =>
            store.Get(id) is { } s ? Results.Ok(WebhookView.Create(s, dispatcher.LogEnd)) : NotFound()).WithName("GetWebhook");
        group.MapDelete("/{id}", DeleteAsync).WithName("DeleteWebhook");
        group.MapPost("/{id}/replay", ReplayAsync).WithName("ReplayWebhook");
        return group;
    }

    private static async Task<IResult> CreateAsync(WebhookCreateRequest request, WebhookDispatcher dispatcher, SqliteWebhookStore store, IOptions<WebhooksOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var generated = string.IsNullOrEmpty(request.Secret) ? WebhookSecret.Generate() : null;
        var secret = generated ?? request.Secret!;
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        WebhookRules.Collect(request.Id ?? "", request.Url, secret, request.Types, request.BatchSize, (field, message) =>
        {
            var key = char.ToLowerInvariant(field[0]) + field[1..];
            (errors.TryGetValue(key, out var list) ? list : errors[key] = []).Add(message);
        });
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), title: "Invalid webhook");
        }

        var subscription = new WebhookSubscription(
            request.Id!, WebhookOrigin.Api, request.Url!, secret, [.. request.Types ?? []], request.BatchSize ?? options.Value.BatchSize,
            null, WebhookState.Active, null, null, null, time.GetUtcNow());
        if (!await dispatcher.CreateAsync(subscription, cancellationToken))
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Webhook exists", detail: $"A webhook named '{request.Id}' exists.");
        }

        var view = WebhookView.Create(store.Get(subscription.Id)!, dispatcher.LogEnd);
        return Results.Created($"/api/v1/webhooks/{subscription.Id}", new WebhookCreated(view, generated));
    }

    private static async Task<IResult> DeleteAsync(string id, WebhookDispatcher dispatcher, SqliteWebhookStore store, CancellationToken cancellationToken)
    {
        if (store.Get(id) is not { } subscription)
        {
            return NotFound();
        }

        if (subscription.Origin == WebhookOrigin.Configuration)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Configured webhook", detail: "This webhook comes from configuration; remove it there.");
        }

        await dispatcher.DeleteAsync(id, cancellationToken);
        return Results.NoContent();
    }

    private static async Task<IResult> ReplayAsync(string id, WebhookReplayRequest request, WebhookDispatcher dispatcher, CancellationToken cancellationToken)
    {
        if (request.FromSequence is not > 0)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["fromSequence"] = ["must be a sequence number of 1 or more."] }, title: "Invalid replay");
        }

        return await dispatcher.ReplayAsync(id, request.FromSequence.Value, cancellationToken) is { } subscription
            ? Results.Accepted($"/api/v1/webhooks/{id}", WebhookView.Create(subscription, dispatcher.LogEnd))
            : NotFound();
    }

    private static IResult NotFound() =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Webhook not found", detail: "No webhook has that id.");
}
