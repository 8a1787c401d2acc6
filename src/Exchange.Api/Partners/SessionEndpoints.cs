using System.Security.Claims;
using Avz.Exchange;
using Avz.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenIddict.Abstractions;

namespace Avz.Exchange.Api.Partners;

/// <summary>Tells a partner system who the gateway takes it for: client, party, scopes and acting professional. The first call to make with a new token.</summary>
public static class SessionEndpoints
{
    /// <summary>Maps <c>GET /v1/session</c>.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The route.</returns>
    public static RouteHandlerBuilder MapSessionEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/v1/session", GetSession)
            .RequireAuthorization(IdentityScopes.Exchange)
            .AddEndpointFilter<ActorHeadersFilter>().WithMetadata(ActorHeadersFilter.Required.Instance)
            .WithTags("Partners")
            .WithName("GetSession")
            .WithSummary("The calling client, its convenant party, its scopes and the acting professional.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status500InternalServerError);

    /// <summary>The session.</summary>
    /// <param name="user">The authenticated client.</param>
    /// <param name="request">The request, for the actor headers.</param>
    /// <returns>The session.</returns>
    public static Ok<PartnerSession> GetSession(ClaimsPrincipal user, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(request);
        return TypedResults.Ok(new PartnerSession(
            IdentityClaims.ValueOf(user, OpenIddictConstants.Claims.Subject) ?? "",
            IdentityClaims.ValueOf(user, IdentityClaims.Party) ?? "",
            [.. user.GetScopes()],
            request.Headers[ActorHeadersFilter.ActorId].ToString(),
            request.Headers[ActorHeadersFilter.ActorRole].ToString()));
    }
}
