using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Avz.Audit;
using Avz.Audit.Entries;
using Avz.Audit.Index;
using Avz.Exchange.Api.Cases;
using Avz.Exchange.Api.Partners;
using Avz.Exchange.Cases;
using Avz.Exchange.Oversight;
using Avz.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Avz.Exchange.Api.Audit;

/// <summary>
/// The privacy officer's side of the access log (scope <c>audit</c>): search the log index, and a data subject's
/// access report (AVG art. 15, NEN 7513 client view) with a proof per line. Every search and report is itself an
/// entry, appended before anything is read out (fail closed). A partner's token is refused, and that is logged too.
/// </summary>
public static class OversightEndpoints
{
    /// <summary>The CSV media type of a subject report.</summary>
    public const string Csv = "text/csv";

    /// <summary>Maps the oversight endpoints.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The group.</returns>
    public static RouteGroupBuilder MapOversightEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1/audit").WithTags("Oversight");
        group.ProducesProblem(StatusCodes.Status429TooManyRequests).ProducesProblem(StatusCodes.Status500InternalServerError);
        group.MapGet("/search", Search).WithName("SearchAccessLog")
            .WithSummary("Searches the access log by party, actor, case, purpose, action, decision, emergency and period; newest first, with a cursor. Each hit is the entry with its index.")
            .ForPrivacyOfficers().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/subject-report", SubjectReport).WithName("MakeSubjectReport")
            .WithSummary("Every entry about one person (the BSN travels in the body): when, which organisation and role, what, for which purpose and legal basis, what was released or withheld, emergency access; with a signed checkpoint and an inclusion proof per entry. JSON, or CSV with Accept: text/csv.")
            .Produces<SubjectReport>(StatusCodes.Status200OK, "application/json", Csv)
            .ForPrivacyOfficers().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/integrity", Integrity).WithName("GetLogIntegrity")
            .WithSummary("The latest checkpoint, and the newest full verification of the log: running (with progress) or its result, index comparison included.")
            .ForPrivacyOfficers();
        group.MapPost("/integrity/verify", StartVerification).WithName("VerifyLogIntegrity")
            .WithSummary("Starts a full verification of the log in the background (one at a time); GET /v1/audit/integrity shows its progress and result.")
            .Produces<IntegrityView>(StatusCodes.Status202Accepted)
            .ForPrivacyOfficers().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/export/ldv", ExportLdv).WithName("ExportLogboekDataverwerkingen")
            .WithSummary("The entries about data subjects in a period, one JSON line per subject per action in the Logboek Dataverwerkingen shape (trace_id, span_id, name, start_time, end_time, status, dpl.core attributes), subjects pseudonymised.")
            .Produces<string>(StatusCodes.Status200OK, Jsonl)
            .ForPrivacyOfficers().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return group;
    }

    /// <summary>Scope <c>audit</c>, the actor headers, and the problems every oversight operation can answer.</summary>
    /// <param name="builder">The endpoint.</param>
    /// <returns>The endpoint.</returns>
    internal static RouteHandlerBuilder ForPrivacyOfficers(this RouteHandlerBuilder builder) =>
        builder.RequireAuthorization(IdentityScopes.Audit).AddEndpointFilter<ActorHeadersFilter>().WithMetadata(ActorHeadersFilter.Required.Instance)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>The JSON Lines media type of an LDV export.</summary>
    public const string Jsonl = "application/jsonl";

    /// <summary>The Logboek Dataverwerkingen export of a period.</summary>
    internal static async Task<Results<ContentHttpResult, ProblemHttpResult>> ExportLdv(AccessLog log, HttpContext context, DateTimeOffset? from, DateTimeOffset? to)
    {
        if (from is null || to is null || from >= to)
        {
            return AuditEndpoints.Problem(StatusCodes.Status400BadRequest, "AVZ-AUDIT-0009", "An export needs from and to (ISO 8601), from before to.");
        }

        if (!log.HasIndex)
        {
            return AuditEndpoints.Problem(StatusCodes.Status503ServiceUnavailable, "AVZ-AUDIT-0011", "This gateway's access-log store keeps no index.");
        }

        var rows = log.IndexRowsSince(from.Value).Where(r => r.Time < to && r.Subject is not null).ToList();
        AuditEndpoints.LogIndex(context, await log.AppendAsync(
            CaseCalls.CallerOf(context).Entry(EntryAction.AuditExport, EntryDecision.Permitted) with { Counts = new EntryCounts { Hits = rows.Count } },
            context.RequestAborted).ConfigureAwait(false));
        var wanted = rows.Select(r => r.Index).ToHashSet();
        var lines = new StringBuilder();
        if (rows.Count > 0)
        {
            foreach (var (index, leaf) in log.ReadLeaves(rows[0].Index, rows[^1].Index + 1).Where(e => wanted.Contains(e.Index)))
            {
                lines.Append(LdvRecord.From(log.Origin, index, leaf).ToJsonString()).Append('\n');
            }
        }

        return TypedResults.Text(lines.ToString(), Jsonl + "; charset=utf-8");
    }

    /// <summary>The integrity state; it reads no entry, so it is not itself an entry.</summary>
    internal static Ok<IntegrityView> Integrity(AccessLog log, LogIntegrity integrity) => TypedResults.Ok(IntegrityView.Of(log, integrity.Last));

    /// <summary>Starts a verification; the request is an entry.</summary>
    internal static async Task<Accepted<IntegrityView>> StartVerification(AccessLog log, LogIntegrity integrity, HttpContext context)
    {
        var (run, entry) = await integrity.StartLoggedAsync(CaseCalls.CallerOf(context), context.RequestAborted).ConfigureAwait(false);
        AuditEndpoints.LogIndex(context, entry);
        return TypedResults.Accepted("/v1/audit/integrity", IntegrityView.Of(log, run));
    }

    /// <summary>A search of the log.</summary>
    internal static async Task<Results<Ok<LogSearchResult>, ProblemHttpResult>> Search(
        AccessLog log,
        HttpContext context,
        string? party,
        string? actor,
        string? @case,
        string? purpose,
        string? action,
        string? decision,
        bool? emergency,
        DateTimeOffset? from,
        DateTimeOffset? to,
        string? cursor,
        int? limit)
    {
        if (!log.HasIndex)
        {
            return AuditEndpoints.Problem(StatusCodes.Status503ServiceUnavailable, "AVZ-AUDIT-0011", "This gateway's access-log store keeps no index.");
        }

        if (action is not null && !Wire.TryParse<EntryAction>(action, out _)
            || decision is not null && !Wire.TryParse<EntryDecision>(decision, out _)
            || limit is < 1 or > LogQuery.MaxLimit
            || (from is not null && to is not null && from >= to))
        {
            return AuditEndpoints.Problem(StatusCodes.Status400BadRequest, "AVZ-AUDIT-0009", $"A search parameter is not valid: action and decision are words of the entry vocabulary, limit is 1 to {LogQuery.MaxLimit}, from is before to.");
        }

        long? before = null;
        if (cursor is not null)
        {
            if (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return AuditEndpoints.Problem(StatusCodes.Status400BadRequest, "AVZ-AUDIT-0010", "The cursor is not one this search returned.");
            }

            before = parsed;
        }

        var query = new LogQuery { Party = party, Actor = actor, Case = @case, Purpose = purpose, Action = action, Decision = decision, Emergency = emergency, From = from, To = to, Before = before, Limit = limit ?? 50 };
        var (hits, entry) = await log.SearchLoggedAsync(CaseCalls.CallerOf(context).Entry(EntryAction.AuditSearch, EntryDecision.Permitted), query, context.RequestAborted).ConfigureAwait(false);
        AuditEndpoints.LogIndex(context, entry);
        var next = hits.Count == query.Limit ? hits[^1].Index.ToString(CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new LogSearchResult([.. hits.Select(h => new LogHit(h.Index, JsonNode.Parse(h.Leaf)!.AsObject()))], next));
    }

    /// <summary>A data subject's access report.</summary>
    internal static async Task<Results<Ok<SubjectReport>, ContentHttpResult, ProblemHttpResult>> SubjectReport(
        SubjectReports reports, SubjectReportRequest body, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(body);
        var result = await reports.MakeAsync(CaseCalls.CallerOf(context), body.Subject, context.RequestAborted).ConfigureAwait(false);
        if (result.LogIndex is { } index)
        {
            AuditEndpoints.LogIndex(context, index);
        }

        return result switch
        {
            { Error: { } error } => CaseCalls.Problem(error),
            _ when context.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(Csv, StringComparison.OrdinalIgnoreCase)) => TypedResults.Text(SubjectReports.ToCsv(result.Value!.Entries), "text/csv; charset=utf-8"),
            _ => TypedResults.Ok(result.Value!),
        };
    }




}

/// <summary>A page of search hits.</summary>
/// <param name="Items">The hits, newest first.</param>
/// <param name="Next">The cursor of the next page, or null on the last.</param>
public sealed record LogSearchResult(IReadOnlyList<LogHit> Items, string? Next);

/// <summary>One hit: the entry and its index (its receipt is <c>GET /v1/audit/entries/{index}/receipt</c>).</summary>
/// <param name="Index">The entry's index.</param>
/// <param name="Entry">The entry.</param>
public sealed record LogHit(long Index, JsonObject Entry);

/// <summary>A subject report request.</summary>
/// <param name="Subject">The BSN; in the body, never in a URL.</param>
public sealed record SubjectReportRequest(string? Subject);


