using System.Text.Json;
using System.Text.RegularExpressions;
using Avz.Audit;
using Avz.Audit.Entries;
using Microsoft.IdentityModel.Tokens;

namespace Avz.Identity;

/// <summary>
/// Partner clients registered and disabled by an administrator (over the API or in the portal), logged as
/// <c>avz clients</c> logs them: <c>client.add</c> / <c>client.disable</c> with <c>targetClient</c>, written before the
/// change, an <c>error</c> entry when the change was not made. Only partner clients (scope <c>exchange</c>): a staff
/// client is added on the host, or one administrator could register a second administrator and approve their own
/// policy versions (refused and logged, reason <c>staff-client</c>). Bad input is refused before anything is logged.
/// </summary>
/// <param name="clients">The client registry.</param>
/// <param name="log">The access log.</param>
public sealed partial class ClientAdministration(PartnerClients clients, AccessLog log)
{
    /// <summary>Registers a partner client.</summary>
    /// <param name="caller">The administrator's entry (party, client, actor, ids); action and target are set here.</param>
    /// <param name="party">The convenant party it acts for.</param>
    /// <param name="clientId">Its id; null makes one from the party.</param>
    /// <param name="jwks">Its public keys, a JSON Web Key Set.</param>
    /// <param name="scopes">Its scopes; null is <c>exchange</c>.</param>
    /// <param name="isParty">Whether a party id is a party of an active convenant.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The client, or the problem.</returns>
    public async Task<ClientOutcome> RegisterAsync(
        AccessLogEntry caller, string? party, string? clientId, string? jwks, IReadOnlyList<string>? scopes, Func<string, bool> isParty, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(isParty);
        if (party is null || !isParty(party))
        {
            return ClientOutcome.Refused(400, "AVZ-CLIENT-0001", "party names no party of an active convenant.");
        }

        if (clientId is not null && !ClientIdPattern().IsMatch(clientId))
        {
            return ClientOutcome.Refused(400, "AVZ-CLIENT-0002", "clientId is 3 to 64 of a-z, 0-9 and -, starting with a letter or digit.");
        }

        if (Keys(jwks) is not { } keys)
        {
            return ClientOutcome.Refused(400, "AVZ-CLIENT-0003", "jwks is a JSON Web Key Set of one or more public keys; never send a private key.");
        }

        scopes ??= [IdentityScopes.Exchange];
        if (scopes.Count == 0 || scopes.Any(s => !IdentityScopes.All.Contains(s, StringComparer.Ordinal)))
        {
            return ClientOutcome.Refused(400, "AVZ-CLIENT-0004", "scopes are some of exchange, audit, policy-admin.");
        }

        var id = clientId ?? $"{party}-{Guid.NewGuid().ToString("N")[..8]}";
        var entry = caller with { Action = EntryAction.ClientAdd, Decision = EntryDecision.Permitted, TargetClient = new ClientReference(id, [.. scopes]) };
        if (scopes.Any(s => s != IdentityScopes.Exchange))
        {
            return await StaffClientAsync(entry, cancellationToken).ConfigureAwait(false);
        }

        var (index, added) = await log.ChangeAsync(entry, async () =>
        {
            if (await clients.FindAsync(id, CancellationToken.None).ConfigureAwait(false) is not null)
            {
                return false;
            }

            await clients.AddAsync(id, party, keys, scopes, CancellationToken.None).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return added
            ? new ClientOutcome(await clients.FindAsync(id, CancellationToken.None).ConfigureAwait(false), null, index)
            : ClientOutcome.Refused(409, "AVZ-CLIENT-0005", "A client with that id is registered already.", index);
    }

    /// <summary>Disables a partner client: its next token request is refused.</summary>
    /// <param name="caller">The administrator's entry.</param>
    /// <param name="clientId">The client.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The client, or the problem.</returns>
    public async Task<ClientOutcome> DisableAsync(AccessLogEntry caller, string clientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var client = await clients.FindAsync(clientId, cancellationToken).ConfigureAwait(false);
        var entry = caller with { Action = EntryAction.ClientDisable, Decision = EntryDecision.Permitted, TargetClient = new ClientReference(clientId, client?.Scopes ?? []) };
        if (client is not null && client.Scopes.Any(s => s != IdentityScopes.Exchange))
        {
            return await StaffClientAsync(entry, cancellationToken).ConfigureAwait(false);
        }

        var (index, disabled) = await log.ChangeAsync(entry, () => clients.DisableAsync(clientId, CancellationToken.None), cancellationToken).ConfigureAwait(false);
        return disabled
            ? new ClientOutcome(await clients.FindAsync(clientId, CancellationToken.None).ConfigureAwait(false), null, index)
            : ClientOutcome.Refused(404, "AVZ-CLIENT-0007", "No client with that id.", index);
    }

    private async Task<ClientOutcome> StaffClientAsync(AccessLogEntry entry, CancellationToken cancellationToken)
    {
        var index = await log.AppendAsync(entry with { Decision = EntryDecision.Refused, Reasons = [EntryReason.StaffClient] }, cancellationToken).ConfigureAwait(false);
        return ClientOutcome.Refused(403, "AVZ-CLIENT-0006", "Privacy officers' and administrators' clients are registered and disabled with avz clients on the gateway host, not over the API.", index);
    }

    private static JsonWebKeySet? Keys(string? jwks)
    {
        if (string.IsNullOrWhiteSpace(jwks))
        {
            return null;
        }

        try
        {
            var keys = new JsonWebKeySet(jwks);
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

/// <summary>What a client change came to.</summary>
/// <param name="Client">The client after the change; null when refused.</param>
/// <param name="Problem">Why it was refused; null when it was made.</param>
/// <param name="LogIndex">The change's entry, when one was written.</param>
public sealed record ClientOutcome(PartnerClient? Client, ClientProblem? Problem, long? LogIndex)
{
    internal static ClientOutcome Refused(int status, string code, string title, long? index = null) => new(null, new ClientProblem(status, code, title), index);
}

/// <summary>A refused client change: the HTTP status, the stable code, one sentence.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Code">The code (<c>AVZ-CLIENT-…</c>).</param>
/// <param name="Title">What is wrong.</param>
public sealed record ClientProblem(int Status, string Code, string Title);
