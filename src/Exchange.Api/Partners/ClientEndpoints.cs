using System.Text.Json;
using System.Text.RegularExpressions;
using Avz.Audit;
using Avz.Audit.Entries;
using Avz.Exchange.Api.Audit;
using Avz.Exchange.Api.Cases;
using Avz.Exchange.Api.Policies;
using Avz.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.IdentityModel.Tokens;

namespace Avz.Exchange.Api.Partners;

/// <summary>
/// Partner clients for administrators (scope <c>policy-admin</c>): list, register with public keys, disable; the
/// operations <c>avz clients</c> offers on the host, logged the same way (<c>client.add</c>, <c>client.disable</c>
/// with <c>targetClient</c>, written before the change; an <c>error</c> entry when the change was not made). Over the
/// API only partner clients (scope <c>exchange</c>) are registered and disabled: a staff client (privacy officer,
/// administrator) is added on the host, or one administrator could register a second administrator client and
/// approve their own policy versions.
/// </summary>
public static partial class ClientEndpoints
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
        PartnerClients clients, PolicyCatalog policies, AccessLog log, HttpContext context, RegisterClient body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Party is not { } party || !policies.Policies.Values.Any(p => p.FindParty(party) is not null))
        {
            return AuditEndpoints.Problem(StatusCodes.Status400BadRequest, "AVZ-CLIENT-0001", "party names no party of an active convenant.");
        }

        if (body.ClientId is { } id && !ClientIdPattern().IsMatch(id))
        {
            return AuditEndpoints.Problem(StatusCodes.Status400BadRequest, "AVZ-CLIENT-0002", "clientId is 3 to 64 of a-z, 0-9 and -, starting with a letter or digit.");
        }

        if (Keys(body.Jwks) is not { } keys)
        {
            return AuditEndpoints.Problem(StatusCodes.Status400BadRequest, "AVZ-CLIENT-0003", "jwks is a JSON Web Key Set of one or more public keys; never send a private key.");
        }

        var scopes = body.Scopes ?? [IdentityScopes.Exchange];
        if (scopes.Count == 0 || scopes.Any(s => !IdentityScopes.All.Contains(s, StringComparer.Ordinal)))
        {
            return AuditEndpoints.Problem(StatusCodes.Status400BadRequest, "AVZ-CLIENT-0004", "scopes are some of exchange, audit, policy-admin.");
        }

        var clientId = body.ClientId ?? $"{party}-{Guid.NewGuid().ToString("N")[..8]}";
        var entry = CaseCalls.CallerOf(context).Entry(EntryAction.ClientAdd, EntryDecision.Permitted) with { TargetClient = new ClientReference(clientId, [.. scopes]) };
        if (scopes.Any(s => s != IdentityScopes.Exchange))
        {
            return await StaffClientAsync(log, context, entry).ConfigureAwait(false);
        }

        var exists = false;
        var (index, added) = await log.ChangeAsync(entry, async () =>
        {
            exists = await clients.FindAsync(clientId, CancellationToken.None).ConfigureAwait(false) is not null;
            if (!exists)
            {
                await clients.AddAsync(clientId, party, keys, scopes, CancellationToken.None).ConfigureAwait(false);
            }

            return !exists;
        }, context.RequestAborted).ConfigureAwait(false);
        AuditEndpoints.LogIndex(context, index);
        return added
            ? TypedResults.Created($"/v1/clients/{clientId}", await clients.FindAsync(clientId, CancellationToken.None).ConfigureAwait(false))
            : AuditEndpoints.Problem(StatusCodes.Status409Conflict, "AVZ-CLIENT-0005", "A client with that id is registered already.");
    }

    internal static async Task<Results<Ok<PartnerClient>, ProblemHttpResult>> Disable(PartnerClients clients, AccessLog log, HttpContext context, string clientId)
    {
        var client = await clients.FindAsync(clientId, context.RequestAborted).ConfigureAwait(false);
        var entry = CaseCalls.CallerOf(context).Entry(EntryAction.ClientDisable, EntryDecision.Permitted) with { TargetClient = new ClientReference(clientId, client?.Scopes ?? []) };
        if (client is not null && client.Scopes.Any(s => s != IdentityScopes.Exchange))
        {
            return await StaffClientAsync(log, context, entry).ConfigureAwait(false);
        }

        var (index, disabled) = await log.ChangeAsync(entry, () => clients.DisableAsync(clientId, CancellationToken.None), context.RequestAborted).ConfigureAwait(false);
        AuditEndpoints.LogIndex(context, index);
        return disabled
            ? TypedResults.Ok((await clients.FindAsync(clientId, CancellationToken.None).ConfigureAwait(false))!)
            : AuditEndpoints.Problem(StatusCodes.Status404NotFound, "AVZ-CLIENT-0007", "No client with that id.");
    }

    private static async Task<ProblemHttpResult> StaffClientAsync(AccessLog log, HttpContext context, AccessLogEntry entry)
    {
        AuditEndpoints.LogIndex(context, await log.AppendAsync(entry with { Decision = EntryDecision.Refused, Reasons = [EntryReason.StaffClient] }, context.RequestAborted).ConfigureAwait(false));
        return AuditEndpoints.Problem(StatusCodes.Status403Forbidden, "AVZ-CLIENT-0006", "Privacy officers' and administrators' clients are registered and disabled with avz clients on the gateway host, not over the API.");
    }

    private static JsonWebKeySet? Keys(JsonElement? jwks)
    {
        if (jwks is not { ValueKind: JsonValueKind.Object } element)
        {
            return null;
        }

        try
        {
            var keys = new JsonWebKeySet(element.GetRawText());
            return keys.Keys.Count > 0 && !keys.Keys.Any(k => k.HasPrivateKey) ? keys : null;
        }
        catch (Exception e) when (e is ArgumentException or JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{2,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex ClientIdPattern();
}

/// <summary>A partner client to register.</summary>
/// <param name="Party">The convenant party it acts for.</param>
/// <param name="Jwks">Its public keys, a JSON Web Key Set (RFC 7517).</param>
/// <param name="ClientId">The client id; default: the party and eight random hex digits.</param>
/// <param name="Scopes">Its scopes; only <c>exchange</c> over the API (the default).</param>
public sealed record RegisterClient(string? Party, JsonElement? Jwks, string? ClientId, IReadOnlyList<string>? Scopes);
