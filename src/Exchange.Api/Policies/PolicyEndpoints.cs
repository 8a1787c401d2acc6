using Microsoft.AspNetCore.Http.HttpResults;

namespace Avz.Exchange.Api.Policies;

/// <summary>Read-only information about the active convenant policies: ids, versions and version hashes, never case data.</summary>
public static class PolicyEndpoints
{
    /// <summary>Maps <c>GET /v1/policies</c>.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The route group.</returns>
    public static RouteGroupBuilder MapPolicyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1/policies").WithTags("Policies");
        group.MapGet("/", ListPolicies).WithName("ListPolicies").WithSummary("The active convenant policies and their version hashes.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests).ProducesProblem(StatusCodes.Status500InternalServerError);
        return group;
    }

    /// <summary>The active policies.</summary>
    /// <param name="catalog">The catalog.</param>
    /// <returns>One summary per convenant.</returns>
    public static Ok<PolicySummary[]> ListPolicies(PolicyCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return TypedResults.Ok(catalog.Policies.Values
            .Select(p => new PolicySummary(p.ConvenantId, p.Document.Convenant.Name, p.Document.Convenant.Version, p.VersionHash))
            .ToArray());
    }
}
