using Cti.Platform.Audit;
using Cti.Platform.Security;
using System.Text;
using Cti.Events;
using Cti.Platform.Metrics;
using Cti.Platform.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cti.Cdrs;

internal static class CdrsServiceCollectionExtensions
{
    /// <summary>Registers the CDR store, writer and metrics. Needs <see cref="EventsServiceCollectionExtensions.AddEvents"/>.</summary>
    public static IServiceCollection AddCdrs(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(sp => new CdrMetrics(sp.GetRequiredService<CtiMetrics>().Factory));
        services.TryAddSingleton(sp => new SqliteCdrStore(sp.GetRequiredService<SqliteDatabase>()));
        services.TryAddSingleton<ICdrWriter, CdrWriter>();
        services.TryAddSingleton<CdrExportAudit>();
        services.TryAddSingleton<CdrWrapUpCodes>();
        // Needs the recording settings of AddMedia and the agents' teams of AddAcd.
        services.TryAddSingleton<Recordings.RecordingLibrary>();
        return services;
    }

    /// <summary>Maps GET /api/v1/cdrs, /api/v1/cdrs/{callId} and /api/v1/cdrs.csv.</summary>
    public static RouteGroupBuilder MapCdrApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // Create the counters now so /metrics shows zeros before the first call ends.
        endpoints.ServiceProvider.GetRequiredService<CdrMetrics>();
        var group = endpoints.MapGroup("/api/v1").WithTags("Call detail records");
        group.MapGet("/cdrs", List).WithName("ListCdrs").RequireAuthorization(CtiPolicies.CallRecords);
        group.MapGet("/cdrs/{callId}", Get).WithName("GetCdr").RequireAuthorization(CtiPolicies.CallRecords);
        group.MapGet("/cdrs.csv", ExportAsync).WithName("ExportCdrsCsv").RequireAuthorization(CtiPolicies.Export);
        return group;
    }

    private static IResult List(HttpContext context, SqliteCdrStore store)
    {
        var (query, errors) = CdrQuery.Parse(context.Request.Query);
        if (query is null)
        {
            return Results.ValidationProblem(errors, title: "Invalid CDR query");
        }

        var full = context.GetCaller().SeesFullNumbers;
        var (items, hasMore) = store.Query(query);
        var next = hasMore ? CdrQuery.EncodeCursor(items[^1].StartAt, items[^1].CallId) : null;
        return Results.Ok(new CdrPage([.. items.Select(c => CdrView.Create(c, full))], next));
    }

    private static IResult Get(string callId, HttpContext context, SqliteCdrStore store)
    {
        var full = context.GetCaller().SeesFullNumbers;
        return store.Get(callId) is { } cdr
            ? Results.Ok(CdrView.Create(cdr, full))
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "CDR not found", detail: "No call detail record has that call id.");
    }

    private static async Task<IResult> ExportAsync(
        HttpContext context,
        SqliteCdrStore store,
        CdrExportAudit audit,
        IAuditLog auditLog)
    {
        var caller = context.GetCaller();
        var (query, errors) = CdrQuery.Parse(context.Request.Query);
        if (query is null)
        {
            return Results.ValidationProblem(errors, title: "Invalid CDR query");
        }

        var response = context.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = "attachment; filename=\"cdrs.csv\"";
        await response.WriteAsync(CdrCsv.Header + "\r\n", context.RequestAborted);

        // The export pages through the store so a large range never sits in memory at once.
        var rows = 0;
        var page = query with { Limit = CdrQuery.MaxLimit, After = query.After };
        while (true)
        {
            var (items, hasMore) = store.Query(page);
            var text = new StringBuilder();
            foreach (var cdr in items)
            {
                text.Append(CdrCsv.Row(CdrView.Create(cdr, fullNumbers: true))).Append("\r\n");
            }

            await response.WriteAsync(text.ToString(), context.RequestAborted);
            rows += items.Count;
            if (!hasMore)
            {
                break;
            }

            page = page with { After = (items[^1].StartAt, items[^1].CallId) };
        }

        var filters = context.Request.QueryString.HasValue ? context.Request.QueryString.Value! : "";
        audit.Record(caller.Name, filters, rows);
        auditLog.Record(caller, AuditActions.CdrsExported, filters.Length == 0 ? "cdrs" : filters, AuditOutcome.Succeeded, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{rows} rows"));
        return Results.Empty;
    }
}
