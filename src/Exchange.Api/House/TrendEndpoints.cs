using Avz.Exchange.Api.Cases;
using Avz.Exchange.Api.Partners;
using Avz.Exchange.House;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Avz.Exchange.Api.House;

/// <summary>
/// The house's trend counts (<c>GET /v1/trends</c>, scope <c>exchange</c>) for the partners and mayors of a
/// convenant: counts of cases per quarter, municipality, purpose and status from case metadata only, every count from 1
/// to 4 shown as <c>&lt;5</c> and every count that would let one be recomputed hidden as <c>x</c>. No person can be
/// singled out of the answer, so it is not an access to personal data and leaves no access-log entry.
/// </summary>
public static class TrendEndpoints
{
    /// <summary>Maps the trend endpoint.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The group.</returns>
    public static RouteGroupBuilder MapTrendEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1/trends").WithTags("House")
            .ForPartners();
        group.MapGet("/", Report).WithName("GetTrends")
            .WithSummary("Cases per quarter of registration (from, to: 2026-Q1; default the last four quarters), per municipality and per purpose, by status (registered, triage, active, closed), with the median days to the first case consultation; small cells suppressed. JSON, or CSV with Accept: text/csv.")
            .Produces<TrendReport>(StatusCodes.Status200OK, "application/json", Avz.Exchange.Api.Audit.OversightEndpoints.Csv);
        return group;
    }

    internal static async Task<Results<Ok<TrendReport>, ContentHttpResult, ProblemHttpResult>> Report(string? convenant, string? from, string? to, TrendReports trends, HttpContext context)
    {
        var result = await trends.ReportAsync(convenant, CaseCalls.CallerOf(context).Party, from, to, context.RequestAborted).ConfigureAwait(false);
        return result switch
        {
            { Error: { } error } => CaseCalls.Problem(error),
            _ when context.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(Avz.Exchange.Api.Audit.OversightEndpoints.Csv, StringComparison.OrdinalIgnoreCase)) =>
                TypedResults.Text(TrendReports.ToCsv(result.Value!), "text/csv; charset=utf-8"),
            _ => TypedResults.Ok(result.Value!),
        };
    }
}
