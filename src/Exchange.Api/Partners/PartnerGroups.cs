using Avz.Identity;

namespace Avz.Exchange.Api.Partners;

/// <summary>What every partner operation group shares: scope <c>exchange</c>, the actor headers, and the problems any call can answer.</summary>
internal static class PartnerGroups
{
    /// <summary>Makes a group of partner operations.</summary>
    /// <param name="group">The group.</param>
    /// <returns>The group.</returns>
    public static RouteGroupBuilder ForPartners(this RouteGroupBuilder group) =>
        group.RequireAuthorization(IdentityScopes.Exchange)
            .AddEndpointFilter<ActorHeadersFilter>().WithMetadata(ActorHeadersFilter.Required.Instance)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
