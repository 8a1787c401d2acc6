using Avz.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Avz.Exchange.Api.Audit;

/// <summary>What anyone needs to check the log without trusting the gateway: its verifier key and its newest signed checkpoint.</summary>
public static class AuditEndpoints
{
    /// <summary>Maps <c>GET /v1/audit/key</c> and <c>GET /v1/audit/checkpoint</c>.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The group.</returns>
    public static RouteGroupBuilder MapAuditEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1/audit").WithTags("Access log");
        group.ProducesProblem(StatusCodes.Status429TooManyRequests).ProducesProblem(StatusCodes.Status500InternalServerError);
        group.MapGet("/key", GetKey).WithName("GetAuditKey").WithSummary("The log's verifier key, a C2SP vkey string.");
        group.MapGet("/checkpoint", GetCheckpoint).WithName("GetAuditCheckpoint").WithSummary("The newest signed checkpoint (C2SP tlog-checkpoint in a signed note).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>The verifier key.</summary>
    /// <param name="log">The access log.</param>
    /// <returns>Plain text.</returns>
    public static ContentHttpResult GetKey(AccessLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return TypedResults.Text(log.VerifierKey + "\n", "text/plain; charset=utf-8");
    }

    /// <summary>The newest checkpoint.</summary>
    /// <param name="log">The access log.</param>
    /// <returns>The note, or 404 when the log is still empty.</returns>
    public static Results<ContentHttpResult, ProblemHttpResult> GetCheckpoint(AccessLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return log.LatestCheckpoint is { } checkpoint
            ? TypedResults.Text(checkpoint.Note, "text/plain; charset=utf-8")
            : TypedResults.Problem(title: "The access log has no checkpoint yet.", statusCode: StatusCodes.Status404NotFound, extensions: new Dictionary<string, object?> { ["code"] = "AVZ-AUDIT-0002" });
    }
}
