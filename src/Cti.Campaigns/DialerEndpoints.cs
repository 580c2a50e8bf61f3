using Cti.Platform.Audit;
using Cti.Cdrs;
using Cti.Platform.Security;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Cti.Dialer.Campaigns;
using Cti.Dialer.Compliance;
using Cti.Dialer.Lists;
using Cti.Numbers;

namespace Cti.Campaigns;

/// <summary>Maps /api/v1/campaigns/... and /api/v1/dnc/..., each endpoint with its authorization policy.</summary>
internal static partial class DialerEndpoints
{
    private const int MaxPageSize = 500;
    private const int MaxDncPerRequest = 10_000;
    private static readonly IReadOnlyDictionary<string, string> EmptyFields = new Dictionary<string, string>();

    public static RouteGroupBuilder MapDialerApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1").WithTags("Dialer");
        group.MapGet("/campaigns", (CampaignService service) =>
            TypedResults.Ok(service.Campaigns.Select(r => new CampaignView(r.Definition, r.Status)).ToArray()))
            .WithName("ListCampaigns").RequireAuthorization(CtiPolicies.Monitor);
        group.MapGet("/campaigns/{id}", GetCampaignAsync).WithName("GetCampaign").RequireAuthorization(CtiPolicies.Monitor);
        group.MapPost("/campaigns", CreateCampaignAsync).WithName("CreateCampaign").RequireAuthorization(CtiPolicies.Configure);
        group.MapPut("/campaigns/{id}", ReplaceCampaignAsync).WithName("ReplaceCampaign").RequireAuthorization(CtiPolicies.Configure);
        group.MapDelete("/campaigns/{id}", DeleteCampaignAsync).WithName("DeleteCampaign").RequireAuthorization(CtiPolicies.Delete);
        group.MapPost("/campaigns/{id}/start", (string id, CampaignService service) => SetState(id, CampaignRunState.Running, service))
            .WithName("StartCampaign").RequireAuthorization(CtiPolicies.CampaignControl);
        group.MapPost("/campaigns/{id}/pause", (string id, CampaignService service) => SetState(id, CampaignRunState.Paused, service))
            .WithName("PauseCampaign").RequireAuthorization(CtiPolicies.CampaignControl);
        group.MapPost("/campaigns/{id}/stop", (string id, CampaignService service) => SetState(id, CampaignRunState.Stopped, service))
            .WithName("StopCampaign").RequireAuthorization(CtiPolicies.CampaignControl);
        group.MapPost("/campaigns/{id}/lists", ImportListAsync).WithName("ImportCampaignList").DisableAntiforgery().RequireAuthorization(CtiPolicies.Configure);
        group.MapGet("/campaigns/{id}/leads", GetLeadsAsync).WithName("ListCampaignLeads").RequireAuthorization(CtiPolicies.Monitor);
        group.MapGet("/campaigns/{id}/leads.csv", ExportLeadsAsync).WithName("ExportCampaignLeads").RequireAuthorization(CtiPolicies.Export);
        group.MapPost("/campaigns/{id}/dispositions", PostDisposition).WithName("PostDisposition").RequireAuthorization(CtiPolicies.CallControl);
        group.MapPost("/dnc", AddDncAsync).WithName("AddDoNotCall").RequireAuthorization(CtiPolicies.CampaignControl);
        group.MapPost("/dnc/import", ImportDncAsync).WithName("ImportDoNotCall").RequireAuthorization(CtiPolicies.CampaignControl);
        group.MapGet("/dnc/{number}", GetDnc).WithName("GetDoNotCall").RequireAuthorization(CtiPolicies.Monitor);
        group.MapDelete("/dnc/{number}", DeleteDnc).WithName("DeleteDoNotCall").RequireAuthorization(CtiPolicies.Delete);
        return group;
    }

    private static async Task<IResult> DeleteCampaignAsync(string id, HttpContext http, CampaignService service, IAuditLog audit, CancellationToken ct)
    {
        if (!await service.DeleteAsync(id, ct))
        {
            return CampaignNotFound(id);
        }

        audit.Record(http.GetCaller(), AuditActions.CampaignDeleted, id, AuditOutcome.Succeeded);
        return Results.NoContent();
    }

    private static async Task<IResult> GetCampaignAsync(string id, CampaignService service, CancellationToken ct) =>
        service.Find(id) is { } runtime
            ? Results.Ok(new CampaignView(runtime.Definition, await runtime.GetStatusAsync(ct)))
            : CampaignNotFound(id);

    private static async Task<IResult> CreateCampaignAsync(CampaignDefinition? definition, CampaignService service, CancellationToken ct)
    {
        if (definition is null)
        {
            return Invalid(["body: a campaign definition is required."]);
        }

        var errors = await service.SaveAsync(definition, mustBeNew: true, ct);
        if (errors.Count > 0)
        {
            return errors.Count == 1 && errors[0].Contains("already exists", StringComparison.Ordinal)
                ? Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Campaign exists", detail: errors[0])
                : Invalid(errors);
        }

        var runtime = service.Find(definition.Id)!;
        return Results.Created($"/api/v1/campaigns/{definition.Id}", new CampaignView(runtime.Definition, runtime.Status));
    }

    private static async Task<IResult> ReplaceCampaignAsync(string id, CampaignDefinition? definition, CampaignService service, CancellationToken ct)
    {
        if (definition is null)
        {
            return Invalid(["body: a campaign definition is required."]);
        }

        if (service.Find(id) is null)
        {
            return CampaignNotFound(id);
        }

        if (definition.Id != id)
        {
            return Invalid([$"id: the body's id '{definition.Id}' differs from the URL's '{id}'."]);
        }

        var errors = await service.SaveAsync(definition, mustBeNew: false, ct);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var runtime = service.Find(id)!;
        return Results.Ok(new CampaignView(runtime.Definition, runtime.Status));
    }

    private static IResult SetState(string id, CampaignRunState state, CampaignService service) =>
        service.SetState(id, state)
            ? Results.Accepted($"/api/v1/campaigns/{id}", new { id, state = CampaignDefinitionMapper.StateName(state) })
            : CampaignNotFound(id);

    private static async Task<IResult> ImportListAsync(string id, HttpRequest request, CampaignService service, Microsoft.Extensions.Options.IOptions<DialerOptions> options, CancellationToken ct)
    {
        if (service.Find(id) is not { } runtime)
        {
            return CampaignNotFound(id);
        }

        if (request.ContentLength > options.Value.MaxUploadBytes)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "List too large",
                detail: string.Create(CultureInfo.InvariantCulture, $"Lists are limited to {options.Value.MaxUploadBytes} bytes."));
        }

        var errors = new List<string>();
        Stream? body = null;
        string? mappingJson = null;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file") ?? (form.Files.Count > 0 ? form.Files[0] : null);
            if (file is null)
            {
                errors.Add("file: a multipart upload needs a 'file' part holding the CSV.");
            }
            else
            {
                body = file.OpenReadStream();
            }

            mappingJson = form["mapping"].FirstOrDefault();
        }
        else if (request.ContentType is { } type && (type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) || type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase)))
        {
            body = request.Body;
        }
        else
        {
            errors.Add("body: send the list as text/csv or as multipart/form-data with a 'file' part.");
        }

        var mapping = ReadMapping(request.Query, mappingJson, errors);
        var listId = request.Query["list"].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(listId))
        {
            listId = "list-" + service.Leads.Count(id).ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        }
        else if (!ListIdPattern().IsMatch(listId))
        {
            errors.Add("list: must be 1-64 characters of letters, digits, '-' or '_'.");
        }
        else if (service.Leads.ListExists(id, listId))
        {
            errors.Add($"list: list '{listId}' was already imported into this campaign.");
        }

        if (errors.Count > 0 || body is null || mapping is null)
        {
            return Invalid(errors);
        }

        // Buffer the upload so the importer reads it synchronously off the request thread.
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, ct);
        if (buffer.Length > options.Value.MaxUploadBytes)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "List too large");
        }

        buffer.Position = 0;
        var result = await service.ImportAsync(runtime, buffer, listId, mapping, ct);
        if (result.FileError is { } fileError)
        {
            return Invalid([$"file: {fileError}."]);
        }

        return Results.Ok(new LeadImportView(
            id,
            listId,
            result.Accepted.Count,
            result.Rejected.Count,
            result.DuplicatesInList,
            result.DuplicatesInCampaign,
            result.MobileCount,
            result.FixedLineCount,
            [.. result.Rejected.Select(r => new LeadImportRejectionView(r.RowNumber, r.Reason, r.MaskedPhone))]));
    }

    /// <summary>
    /// The column mapping: a JSON <c>mapping</c> part (multipart) or query parameters <c>phone</c>, <c>name</c>,
    /// <c>source</c>, <c>priority</c> and repeated <c>field=Header:fieldName</c>.
    /// </summary>
    private static LeadColumnMapping? ReadMapping(IQueryCollection query, string? json, List<string> errors)
    {
        if (!string.IsNullOrWhiteSpace(json))
        {
            try
            {
                var parsed = JsonSerializer.Deserialize<MappingBody>(json, DialerJson.Options);
                if (parsed is null || string.IsNullOrWhiteSpace(parsed.Phone))
                {
                    errors.Add("mapping: 'phone' (the phone column's header) is required.");
                    return null;
                }

                return new LeadColumnMapping
                {
                    PhoneColumn = parsed.Phone,
                    NameColumn = parsed.Name,
                    SourceColumn = parsed.Source,
                    PriorityColumn = parsed.Priority,
                    CustomFields = parsed.Fields ?? new Dictionary<string, string>(),
                };
            }
            catch (JsonException ex)
            {
                errors.Add($"mapping: not valid JSON ({ex.Message}).");
                return null;
            }
        }

        var phone = query["phone"].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(phone))
        {
            errors.Add("phone: the phone column's header is required (query ?phone=... or a JSON 'mapping' part).");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in query["field"])
        {
            var separator = field?.LastIndexOf(':') ?? -1;
            if (separator <= 0 || separator == field!.Length - 1)
            {
                errors.Add($"field: '{field}' must be 'Header:fieldName'.");
                continue;
            }

            fields[field[..separator]] = field[(separator + 1)..];
        }

        return string.IsNullOrWhiteSpace(phone) ? null : new LeadColumnMapping
        {
            PhoneColumn = phone,
            NameColumn = query["name"].FirstOrDefault(),
            SourceColumn = query["source"].FirstOrDefault(),
            PriorityColumn = query["priority"].FirstOrDefault(),
            CustomFields = fields,
        };
    }

    private static async Task<IResult> GetLeadsAsync(string id, int? offset, int? limit, HttpContext http, CampaignService service, CancellationToken ct)
    {
        if (service.Find(id) is null)
        {
            return CampaignNotFound(id);
        }

        var errors = new List<string>();
        if (offset is < 0)
        {
            errors.Add("offset: must not be negative.");
        }

        if (limit is < 1 or > MaxPageSize)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"limit: must be between 1 and {MaxPageSize}."));
        }

        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var caller = http.GetCaller();
        var skip = offset ?? 0;
        var take = limit ?? 100;
        var (total, rows) = await Task.Run(() => (service.Leads.Count(id), service.Leads.GetPage(id, skip, take)), ct);
        return Results.Ok(new LeadPageView(total, skip, take, [.. rows.Select(r => ToView(r, caller.SeesFullNumbers))]));
    }

    private static async Task<IResult> ExportLeadsAsync(string id, HttpContext http, CampaignService service, IAuditLog audit, ILoggerFactory loggers, CancellationToken ct)
    {
        var caller = http.GetCaller();
        if (service.Find(id) is null)
        {
            return CampaignNotFound(id);
        }

        var rows = await Task.Run(() => service.Leads.GetPage(id, 0, int.MaxValue), ct);
        var csv = LeadCsvWriter.Write(rows);
        service.Store.AuditExport(id, caller.Name, rows.Count);
        audit.Record(caller, AuditActions.LeadsExported, id, AuditOutcome.Succeeded, string.Create(CultureInfo.InvariantCulture, $"{rows.Count} rows"));
        Log.LeadsExported(loggers.CreateLogger("Cti.Campaigns.Export"), id, caller.Name, rows.Count);
        return Results.File(csv, "text/csv; charset=utf-8", $"{id}-leads.csv");
    }

    private static async Task<IResult> PostDisposition(string id, DispositionRequest? body, HttpContext http, CampaignService service, CdrWrapUpCodes wrapUps, TimeProvider time, CancellationToken ct)
    {
        // Agent keys dispose of their own calls only; supervisors and admins of anyone's.
        var caller = http.GetCaller();
        if (body is not null && !caller.IsAdmin && !caller.HasRole(ApiRoles.Supervisor) && !caller.IsAgent(body.AgentId ?? ""))
        {
            return ApiProblems.Forbidden($"This key may post dispositions for agent '{caller.AgentId}' only.");
        }

        if (service.Find(id) is not { } runtime)
        {
            return CampaignNotFound(id);
        }

        var errors = new List<string>();
        if (body is null)
        {
            return Invalid(["body: a disposition is required."]);
        }

        if (string.IsNullOrWhiteSpace(body.CallId) == string.IsNullOrWhiteSpace(body.LeadId))
        {
            errors.Add("callId: give exactly one of callId or leadId.");
        }

        if (string.IsNullOrWhiteSpace(body.AgentId))
        {
            errors.Add("agentId: is required.");
        }

        if (!DialerApiNames.TryParseDisposition(body.Disposition, out var kind))
        {
            errors.Add($"disposition: '{body.Disposition}' is not one of {string.Join(", ", DialerApiNames.DispositionNames)}.");
        }
        else if (kind == DispositionKind.Callback && body.CallbackAt is null)
        {
            errors.Add("callbackAt: is required for a callback.");
        }
        else if (kind == DispositionKind.Callback && body.CallbackAt <= time.GetUtcNow())
        {
            errors.Add("callbackAt: must be in the future.");
        }

        if (body.HandleTimeSeconds is < 0)
        {
            errors.Add("handleTimeSeconds: must not be negative.");
        }

        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var outcome = service.ApplyDisposition(
            runtime,
            string.IsNullOrWhiteSpace(body.CallId) ? null : body.CallId,
            string.IsNullOrWhiteSpace(body.LeadId) ? null : body.LeadId,
            body.AgentId!,
            kind,
            body.CallbackAt,
            TimeSpan.FromSeconds(body.HandleTimeSeconds ?? 0));
        if (outcome is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Call or lead not found",
                detail: $"Campaign '{id}' has no call '{body.CallId}' / lead '{body.LeadId}'.");
        }

        // The dialer's disposition is the call's wrap-up code in its CDR, as the desk's would be.
        if (outcome.CallId is { } callId)
        {
            await wrapUps.SetAsync(callId, outcome.Disposition, "dialer", body.AgentId, ct);
        }

        return Results.Accepted(value: outcome);
    }

    private static async Task<IResult> AddDncAsync(DncAddRequest? body, CampaignService service, CancellationToken ct)
    {
        var errors = new List<string>();
        if (body?.Numbers is not { Count: > 0 } numbers)
        {
            return Invalid(["numbers: at least one number is required."]);
        }

        if (numbers.Count > MaxDncPerRequest)
        {
            return Invalid([string.Create(CultureInfo.InvariantCulture, $"numbers: at most {MaxDncPerRequest} per request; use /api/v1/dnc/import for more.")]);
        }

        var source = string.IsNullOrWhiteSpace(body.Source) ? DncSources.Api : body.Source.Trim();
        if (source == DncSources.Disposition)
        {
            errors.Add($"source: '{DncSources.Disposition}' is reserved for agents' dispositions.");
        }

        var accepted = new List<string>();
        var rejected = new List<DncRejection>();
        for (var i = 0; i < numbers.Count; i++)
        {
            if (service.Normalizer.TryNormalize(numbers[i], out var number, out var reason))
            {
                accepted.Add(number!.E164);
            }
            else
            {
                rejected.Add(new DncRejection(i + 1, reason!, PhoneNumberMask.Mask(numbers[i]) ?? string.Empty));
            }
        }

        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var added = await Task.Run(() => service.Dnc.AddRange(accepted, source), ct);
        return Results.Ok(new { added, accepted = accepted.Count, rejected });
    }

    private static async Task<IResult> ImportDncAsync(HttpRequest request, CampaignService service, CancellationToken ct)
    {
        var source = request.Query["source"].FirstOrDefault();
        source = string.IsNullOrWhiteSpace(source) ? DncSources.Import : source.Trim();
        if (source == DncSources.Disposition)
        {
            return Invalid([$"source: '{DncSources.Disposition}' is reserved for agents' dispositions."]);
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var text = await reader.ReadToEndAsync(ct);
        var result = await Task.Run(
            () =>
            {
                var collector = new CollectingDncStore();
                var (_, rejectedLines) = DncListImporter.Import(new StringReader(text), collector, service.Normalizer, source);
                var added = service.Dnc.AddRange(collector.Numbers, source);
                return new { added, accepted = collector.Numbers.Count, rejectedLines };
            },
            ct);
        return Results.Ok(result);
    }

    private static IResult GetDnc(string number, CampaignService service, HttpContext http)
    {
        if (!service.Normalizer.TryNormalize(number, out var normalized, out var reason))
        {
            return Invalid([$"number: {reason}."]);
        }

        var caller = http.GetCaller();
        return service.Dnc.Find(normalized!.E164) is { } entry
            ? Results.Ok(new { number = caller.SeesFullNumbers ? entry.E164 : normalized.Masked, entry.Source, entry.AddedAt })
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not on the do-not-call list");
    }

    private static IResult DeleteDnc(string number, HttpContext http, CampaignService service, IAuditLog audit)
    {
        if (!service.Normalizer.TryNormalize(number, out var normalized, out var reason))
        {
            return Invalid([$"number: {reason}."]);
        }

        if (service.Dnc.Find(normalized!.E164) is not { } entry)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not on the do-not-call list");
        }

        if (entry.Source == DncSources.Disposition)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Number cannot be removed",
                detail: "The callee asked not to be called again (an agent's disposition); such entries are permanent.");
        }

        service.Dnc.Remove(normalized.E164);
        audit.Record(http.GetCaller(), AuditActions.DoNotCallDeleted, normalized.Masked, AuditOutcome.Succeeded);
        return Results.NoContent();
    }

    /// <summary>Keys without full personal data see the number masked and neither the name nor the custom fields.</summary>
    private static LeadView ToView(LeadRow row, bool personalData) => new(
        row.Lead.LeadId,
        row.Lead.ListId,
        personalData ? row.Lead.Phone.E164 : row.Lead.Phone.Masked,
        personalData ? row.Lead.Name : null,
        personalData ? row.Lead.Fields : EmptyFields,
        row.Lead.Priority,
        row.State,
        row.Attempts,
        row.NextDueAt,
        row.LastOutcome,
        row.CallbackAgentId);

    private static IResult CampaignNotFound(string id) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Campaign not found",
        detail: $"No campaign is named '{id}'.");

    /// <summary>A 400 problem listing every error, grouped by the field before the first ':'.</summary>
    private static IResult Invalid(IEnumerable<string> errors) => Results.ValidationProblem(
        errors.GroupBy(e => e.Contains(':', StringComparison.Ordinal) ? e[..e.IndexOf(':', StringComparison.Ordinal)] : "request")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Contains(':', StringComparison.Ordinal) ? e[(e.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim() : e).ToArray()),
        title: "The request is not valid");

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial System.Text.RegularExpressions.Regex ListIdPattern();

    private sealed record MappingBody(string? Phone, string? Name, string? Source, string? Priority, Dictionary<string, string>? Fields);

    /// <summary>Collects an imported do-not-call list so it is written in one transaction.</summary>
    private sealed class CollectingDncStore : IDncStore
    {
        public List<string> Numbers { get; } = [];

        public bool Contains(string e164) => Numbers.Contains(e164);

        public void Add(string e164, string source) => Numbers.Add(e164);
    }
}
