using Avz.Exchange.Api.Cases;
using Avz.Exchange.Api.Partners;
using Avz.Exchange.Cases;
using Avz.Exchange.Oversight;
using Avz.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Avz.Exchange.Api.Audit;

/// <summary>
/// The review queue (scope <c>audit</c>): every emergency access and every access an anomaly rule flags within the
/// window, with its state (open, justified, not-justified, escalated) as the verdict entries in the log tell it; and
/// the verdict, which is itself an entry whose comment is kept beside the log. Reading the queue is logged too.
/// </summary>
public static class ReviewEndpoints
{
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

    internal static async Task<Results<Ok<ReviewList>, ProblemHttpResult>> List(Reviews reviews, HttpContext context, string? state) =>
        CaseCalls.Answer(context, await reviews.ReadAsync(CaseCalls.CallerOf(context), state, context.RequestAborted).ConfigureAwait(false), list => TypedResults.Ok(list));

    internal static async Task<Results<Ok<ReviewItem>, ProblemHttpResult>> Verdict(Reviews reviews, HttpContext context, long index, VerdictRequest body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return CaseCalls.Answer(context, await reviews.GiveVerdictAsync(CaseCalls.CallerOf(context), index, body.Verdict, body.Comment, context.RequestAborted).ConfigureAwait(false), item => TypedResults.Ok(item));
    }
}

/// <summary>A verdict to give.</summary>
/// <param name="Verdict">justified, not-justified or escalated.</param>
/// <param name="Comment">Why, 1 to 2000 characters; kept beside the log, its commitment in the verdict's entry.</param>
public sealed record VerdictRequest(string? Verdict, string? Comment);
