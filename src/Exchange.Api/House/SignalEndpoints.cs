using Avz.Exchange.Api.Cases;
using Avz.Exchange.Api.Partners;
using Avz.Exchange.House;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Avz.Exchange.Api.House;

/// <summary>
/// Early signals (<c>/v1/signals</c>) and "is this person known here?" (<c>/v1/subjects/known</c>), scope
/// <c>exchange</c>. The BSN travels in the body, never in the URL; every call on a person is an entry, written before
/// the answer leaves, and its index is in <c>Avz-Log-Index</c>.
/// </summary>
public static class SignalEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The group.</returns>
    public static RouteGroupBuilder MapSignalEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1").WithTags("House")
            .ForPartners();
        group.MapPost("/signals", Record).WithName("RecordSignal")
            .WithSummary("Records that the calling party is involved with a person (no content), valid for the policy's signalValidity; renews the party's active signal. The answer names the other parties with an active signal on that person: a match.")
            .Produces<SignalView>(StatusCodes.Status200OK);
        group.MapGet("/signals", List).WithName("ListSignals")
            .WithSummary("The calling party's active signals, each with the other parties involved; for the house, every signal that is part of a match.");
        group.MapPost("/subjects/known", Known).WithName("IsSubjectKnown")
            .WithSummary("Whether a person is known to the house: an active case in the convenant or a match of signals. Yes or no, never content.");
        return group;
    }

    internal static async Task<Results<Created<SignalView>, Ok<SignalView>, ProblemHttpResult>> Record(RecordSignal body, EarlySignals signals, HttpContext context)
    {
        var result = await signals.RecordAsync(CaseCalls.CallerOf(context), body, context.RequestAborted).ConfigureAwait(false);
        if (result.LogIndex is { } index)
        {
            context.Response.Headers[CaseCalls.LogIndexHeader] = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return result switch
        {
            { Error: { } error } => CaseCalls.Problem(error),
            { Value.Created: true } => TypedResults.Created("/v1/signals", result.Value.Signal),
            _ => TypedResults.Ok(result.Value!.Signal),
        };
    }

    internal static async Task<Results<Ok<SignalList>, ProblemHttpResult>> List(string? convenant, EarlySignals signals, HttpContext context) =>
        CaseCalls.Answer(context, await signals.ListAsync(CaseCalls.CallerOf(context), convenant, context.RequestAborted).ConfigureAwait(false), TypedResults.Ok);

    internal static async Task<Results<Ok<KnownAnswer>, ProblemHttpResult>> Known(KnownQuery body, EarlySignals signals, HttpContext context) =>
        CaseCalls.Answer(context, await signals.KnownAsync(CaseCalls.CallerOf(context), body, context.RequestAborted).ConfigureAwait(false), TypedResults.Ok);
}
