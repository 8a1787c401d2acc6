using System.Text.Json;
using Avz.Audit.Entries;
using Avz.Exchange.Api.Audit;
using Avz.Exchange.Api.Cases;
using Avz.Exchange.Api.Policies;
using Avz.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Avz.Exchange.Api.Partners;

/// <summary>
/// Partner clients for administrators (scope <c>policy-admin</c>): list, register with public keys, disable; the
/// operations <c>avz clients</c> offers on the host, logged the same way (<c>client.add</c>, <c>client.disable</c>
/// with <c>targetClient</c>, written before the change; an <c>error</c> entry when the change was not made). Over the
/// API only partner clients (scope <c>exchange</c>) are registered and disabled: a staff client (privacy officer,
/// administrator) is added on the host, or one administrator could register a second administrator client and
/// approve their own policy versions.
/// </summary>
public static class ClientEndpoints
{
    /// <summary>Maps the client endpoints.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The group.</returns>
    public static RouteGroupBuilder MapClientEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1/clients").WithTags("Administration");
        group.ProducesProblem(StatusCodes.Status429TooManyRequests).ProducesProblem(StatusCodes.Status500InternalServerError);
        group.MapGet("", List).WithName("ListClients")
            .WithSummary("Every registered client: id, party, scopes, disabled.")
            .ForAdministrators();
        group.MapPost("", Register).WithName("RegisterClient")
            .WithSummary("Registers a partner client (scope exchange) for a convenant party with its public keys (a JWKS; private keys are refused). Logged as client.add.")
            .Produces<PartnerClient>(StatusCodes.Status201Created)
            .ForAdministrators().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{clientId}/disable", Disable).WithName("DisableClient")
            .WithSummary("Disables a partner client: its next token request is refused; tokens already issued expire within their lifetime. Logged as client.disable.")
            .ForAdministrators().ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    internal static async Task<Ok<IReadOnlyList<PartnerClient>>> List(PartnerClients clients, HttpContext context) =>
        TypedResults.Ok(await clients.ListAsync(context.RequestAborted).ConfigureAwait(false));

    internal static async Task<Results<Created<PartnerClient>, ProblemHttpResult>> Register(
        ClientAdministration administration, PolicyCatalog policies, HttpContext context, RegisterClient body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var outcome = await administration.RegisterAsync(
            CaseCalls.CallerOf(context).Entry(EntryAction.ClientAdd, EntryDecision.Permitted), body.Party, body.ClientId, body.Jwks is { ValueKind: JsonValueKind.Object } jwks ? jwks.GetRawText() : null, body.Scopes,
            party => policies.Policies.Values.Any(p => p.FindParty(party) is not null), context.RequestAborted).ConfigureAwait(false);
        return Answer(context, outcome, client => TypedResults.Created($"/v1/clients/{client.ClientId}", client));
    }

    internal static async Task<Results<Ok<PartnerClient>, ProblemHttpResult>> Disable(ClientAdministration administration, HttpContext context, string clientId) =>
        Answer(context, await administration.DisableAsync(CaseCalls.CallerOf(context).Entry(EntryAction.ClientDisable, EntryDecision.Permitted), clientId, context.RequestAborted).ConfigureAwait(false), client => TypedResults.Ok(client));

    private static Results<T, ProblemHttpResult> Answer<T>(HttpContext context, ClientOutcome outcome, Func<PartnerClient, T> ok)
        where T : IResult
    {
        if (outcome.LogIndex is { } index)
        {
            AuditEndpoints.LogIndex(context, index);
        }

        return outcome.Problem is { } problem ? AuditEndpoints.Problem(problem.Status, problem.Code, problem.Title) : ok(outcome.Client!);
    }
}

/// <summary>A partner client to register.</summary>
/// <param name="Party">The convenant party it acts for.</param>
/// <param name="Jwks">Its public keys, a JSON Web Key Set (RFC 7517).</param>
/// <param name="ClientId">The client id; default: the party and eight random hex digits.</param>
/// <param name="Scopes">Its scopes; only <c>exchange</c> over the API (the default).</param>
public sealed record RegisterClient(string? Party, JsonElement? Jwks, string? ClientId, IReadOnlyList<string>? Scopes);
