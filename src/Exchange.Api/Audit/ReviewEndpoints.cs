using System.Globalization;
using System.Text.Json.Nodes;
using Avz.Audit;
using Avz.Audit.Entries;
using Avz.Audit.Review;
using Avz.Exchange.Api.Cases;
using Avz.Exchange.Api.Partners;
using Avz.Exchange.Cases;
using Avz.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Avz.Exchange.Api.Audit;

/// <summary>
/// The review queue (scope <c>audit</c>): every emergency access and every access an anomaly rule flags within the
/// window, with its state (open, justified, not-justified, escalated) as the verdict entries in the log tell it; and
/// the verdict, which is itself an entry whose comment is kept beside the log. Reading the queue is logged too.
/// </summary>
public static class ReviewEndpoints
{
    private static readonly string[] States = ["open", "justified", "not-justified", "escalated"];

    /// <summary>Maps the review endpoints.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The group.</returns>
    public static RouteGroupBuilder MapReviewEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1/audit/reviews").WithTags("Oversight");
        group.ProducesProblem(StatusCodes.Status429TooManyRequests).ProducesProblem(StatusCodes.Status500InternalServerError);
        group.MapGet("", List).WithName("ListReviews")
            .WithSummary("Every emergency access and every access an anomaly rule flags, newest first, with why and its state; filter with state=open|justified|not-justified|escalated.")
            .ForPrivacyOfficers().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/{index:long}/verdict", Verdict).WithName("GiveReviewVerdict")
            .WithSummary("A verdict on an entry in the review queue: justified, not-justified or escalated, with a comment kept beside the log; the verdict is itself an entry.")
            .ForPrivacyOfficers()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return group;
    }

    internal static async Task<Results<Ok<ReviewList>, ProblemHttpResult>> List(AccessLog log, IOptions<ReviewOptions> options, TimeProvider time, HttpContext context, string? state)
    {
        if (state is not null && !States.Contains(state, StringComparer.Ordinal))
        {
            return AuditEndpoints.Problem(StatusCodes.Status400BadRequest, "AVZ-AUDIT-0012", "state is open, justified, not-justified or escalated.");
        }

        if (!log.HasIndex)
        {
            return AuditEndpoints.Problem(StatusCodes.Status503ServiceUnavailable, "AVZ-AUDIT-0011", "This gateway's access-log store keeps no index.");
        }

        var items = Queue(log, options.Value, time).Where(i => state is null || i.State == state).ToList();
        AuditEndpoints.LogIndex(context, await log.AppendAsync(
            CaseCalls.CallerOf(context).Entry(EntryAction.AuditReadReviews, EntryDecision.Permitted) with { Counts = new EntryCounts { Hits = items.Count } },
            context.RequestAborted).ConfigureAwait(false));
        return TypedResults.Ok(new ReviewList([.. items.Select(i => i with { Entry = JsonNode.Parse(log.ReadLeaf(i.Index)!)!.AsObject() })]));
    }

    internal static async Task<Results<Ok<ReviewItem>, ProblemHttpResult>> Verdict(
        AccessLog log, ICaseExchange cases, IOptions<ReviewOptions> options, TimeProvider time, HttpContext context, long index, VerdictRequest body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!Wire.TryParse<ReviewVerdict>(body.Verdict, out var verdict))
        {
            return AuditEndpoints.Problem(StatusCodes.Status400BadRequest, "AVZ-AUDIT-0012", "verdict is justified, not-justified or escalated.");
        }

        if (body.Comment is not { Length: > 0 and <= 2000 } comment || string.IsNullOrWhiteSpace(comment))
        {
            return AuditEndpoints.Problem(StatusCodes.Status400BadRequest, "AVZ-AUDIT-0013", "A verdict needs a comment of 1 to 2000 characters.");
        }

        if (!log.HasIndex)
        {
            return AuditEndpoints.Problem(StatusCodes.Status503ServiceUnavailable, "AVZ-AUDIT-0011", "This gateway's access-log store keeps no index.");
        }

        var item = Queue(log, options.Value, time).FirstOrDefault(i => i.Index == index);
        if (item is null)
        {
            return AuditEndpoints.Problem(StatusCodes.Status404NotFound, "AVZ-AUDIT-0014", "That entry is not in the review queue.");
        }

        if (item.State is "justified" or "not-justified")
        {
            return AuditEndpoints.Problem(StatusCodes.Status409Conflict, "AVZ-AUDIT-0015", "That review is closed; a final verdict stands, as the log does.");
        }

        // The comment beside the log first, then the entry that commits to it; nothing is answered without the entry.
        var leaf = log.ReadLeaf(index)!;
        var reviewed = Avz.Audit.Index.LogIndexRow.Read(leaf);
        var commitment = await cases.KeepReviewCommentAsync(comment, context.RequestAborted).ConfigureAwait(false);
        var verdictIndex = await log.AppendAsync(
            CaseCalls.CallerOf(context).Entry(EntryAction.AuditReviewVerdict, EntryDecision.Permitted) with
            {
                RefersTo = index,
                Verdict = verdict,
                Justification = commitment,
                Case = reviewed.Case,
                Subject = reviewed.Subject,
                Purpose = reviewed.Purpose,
            },
            context.RequestAborted).ConfigureAwait(false);
        AuditEndpoints.LogIndex(context, verdictIndex);
        var given = new ReviewVerdictView(verdictIndex, Wire.Of(verdict), time.GetUtcNow(), CaseCalls.CallerOf(context).Actor);
        return TypedResults.Ok(item with { State = Wire.Of(verdict), Verdicts = [.. item.Verdicts, given], Entry = JsonNode.Parse(leaf)!.AsObject() });
    }

    /// <summary>The queue: the rules over the window (and the history the medians need), with each item's verdicts.</summary>
    private static List<ReviewItem> Queue(AccessLog log, ReviewOptions options, TimeProvider time)
    {
        var from = time.GetUtcNow() - options.Window;
        var rows = log.IndexRowsSince(from.AddDays(-options.VolumeHistoryDays));
        var flags = AnomalyRules.Evaluate(rows, options, from);
        var verdicts = rows.Where(r => r.Action == "audit.review-verdict" && r.RefersTo is { } target && flags.ContainsKey(target))
            .GroupBy(r => r.RefersTo!.Value)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Index).Select(r => new ReviewVerdictView(r.Index, r.Verdict ?? "", r.Time, r.Actor)).ToList());
        return [.. flags.OrderByDescending(f => f.Key).Select(f =>
        {
            var given = verdicts.GetValueOrDefault(f.Key) ?? [];
            return new ReviewItem(f.Key, [.. f.Value.Select(Wire.Of)], given.Count == 0 ? "open" : given[^1].Verdict, given, null);
        })];
    }


}

/// <summary>The review queue.</summary>
/// <param name="Items">The items, newest first.</param>
public sealed record ReviewList(IReadOnlyList<ReviewItem> Items);

/// <summary>An entry in the review queue.</summary>
/// <param name="Index">The entry's index.</param>
/// <param name="Reasons">Why it is reviewed: emergency, refusal-burst, volume-above-median, outside-office-hours, closed-or-shredded-case, fishing.</param>
/// <param name="State">open, justified, not-justified or escalated.</param>
/// <param name="Verdicts">The verdicts given, oldest first.</param>
/// <param name="Entry">The entry.</param>
public sealed record ReviewItem(long Index, IReadOnlyList<string> Reasons, string State, IReadOnlyList<ReviewVerdictView> Verdicts, JsonObject? Entry);

/// <summary>A verdict given.</summary>
/// <param name="Index">The verdict's own entry.</param>
/// <param name="Verdict">justified, not-justified or escalated.</param>
/// <param name="Time">When.</param>
/// <param name="Actor">The privacy officer.</param>
public sealed record ReviewVerdictView(long Index, string Verdict, DateTimeOffset Time, string? Actor);

/// <summary>A verdict to give.</summary>
/// <param name="Verdict">justified, not-justified or escalated.</param>
/// <param name="Comment">Why, 1 to 2000 characters; kept beside the log, its commitment in the verdict's entry.</param>
public sealed record VerdictRequest(string? Verdict, string? Comment);
