using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Avz.Identity;

/// <summary>Registers, lists and disables partner clients. Each client authenticates with private_key_jwt and is bound to exactly one convenant party.</summary>
/// <param name="applications">OpenIddict's application manager.</param>
public sealed class PartnerClients(IOpenIddictApplicationManager applications)
{
    /// <summary>Registers a client with its public keys.</summary>
    /// <param name="clientId">The client id.</param>
    /// <param name="party">The convenant party it acts for.</param>
    /// <param name="keys">Its public keys (JWKS); never a private key.</param>
    /// <param name="scopes">The scopes it may request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public async Task AddAsync(string clientId, string party, JsonWebKeySet keys, IReadOnlyCollection<string> scopes, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        ArgumentException.ThrowIfNullOrWhiteSpace(party);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(scopes);
        if (keys.Keys.Count == 0 || keys.Keys.Any(k => k.HasPrivateKey))
        {
            throw new ArgumentException("Register one or more public keys; a JWKS with private parts or no keys is refused.", nameof(keys));
        }

        var unknown = scopes.Except(IdentityScopes.All, StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0 || scopes.Count == 0)
        {
            throw new ArgumentException($"Scopes must be some of {string.Join(", ", IdentityScopes.All)}.", nameof(scopes));
        }

        if (scopes.Contains(IdentityScopes.Audit) && scopes.Contains(IdentityScopes.PolicyAdmin))
        {
            throw new ArgumentException("A client holds audit or policy-admin, not both: reviewing access and maintaining policies and clients are separate duties.", nameof(scopes));
        }

        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientType = ClientTypes.Confidential,
            DisplayName = $"{party} ({clientId})",
            JsonWebKeySet = keys,
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
            Properties = { [IdentityClaims.PartyProperty] = JsonSerializer.SerializeToElement(party) },
        };
        foreach (var scope in scopes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        await applications.CreateAsync(descriptor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every registered client.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The clients, by id.</returns>
    public async Task<IReadOnlyList<PartnerClient>> ListAsync(CancellationToken cancellationToken = default)
    {
        var result = new List<PartnerClient>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, cancellationToken).ConfigureAwait(false))
        {
            result.Add(await ToClientAsync(application, cancellationToken).ConfigureAwait(false));
        }

        return [.. result.OrderBy(c => c.ClientId, StringComparer.Ordinal)];
    }

    /// <summary>One client.</summary>
    /// <param name="clientId">The client id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The client, or null when none has that id.</returns>
    public async Task<PartnerClient?> FindAsync(string clientId, CancellationToken cancellationToken = default) =>
        await applications.FindByClientIdAsync(clientId, cancellationToken).ConfigureAwait(false) is { } application
            ? await ToClientAsync(application, cancellationToken).ConfigureAwait(false)
            : null;

    /// <summary>Disables a client: it gets no new tokens; tokens already issued expire within their short lifetime.</summary>
    /// <param name="clientId">The client id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the client exists.</returns>
    public async Task<bool> DisableAsync(string clientId, CancellationToken cancellationToken = default)
    {
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken).ConfigureAwait(false);
        if (application is null)
        {
            return false;
        }

        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, cancellationToken).ConfigureAwait(false);
        descriptor.Properties[IdentityClaims.DisabledProperty] = JsonSerializer.SerializeToElement(true);
        await applications.UpdateAsync(application, descriptor, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<PartnerClient> ToClientAsync(object application, CancellationToken cancellationToken)
    {
        var properties = await applications.GetPropertiesAsync(application, cancellationToken).ConfigureAwait(false);
        var permissions = await applications.GetPermissionsAsync(application, cancellationToken).ConfigureAwait(false);
        return new PartnerClient(
            await applications.GetClientIdAsync(application, cancellationToken).ConfigureAwait(false) ?? "",
            properties.TryGetValue(IdentityClaims.PartyProperty, out var party) ? party.GetString() ?? "" : "",
            permissions.Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal)).Select(p => p[Permissions.Prefixes.Scope.Length..]).Order(StringComparer.Ordinal).ToArray(),
            properties.TryGetValue(IdentityClaims.DisabledProperty, out var disabled) && disabled.ValueKind == JsonValueKind.True);
    }
}
