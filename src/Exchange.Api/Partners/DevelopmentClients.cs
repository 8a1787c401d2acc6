using System.Text.Json;
using Avz.Exchange.Api.Hosting;
using Avz.Exchange.Api.Policies;
using Avz.Identity;
using Avz.Policy.Model;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace Avz.Exchange.Api.Partners;

/// <summary>
/// In Development only: one demo client per party of every loaded convenant (the house's also a privacy officer's,
/// scope <c>audit</c>), and two demo administrators of the house, <c>dev-admin-1</c> and <c>dev-admin-2</c> (scope
/// <c>policy-admin</c>), so the four-eyes approval of a policy version can be tried. Each has a fresh EC P-256 key whose
/// private JWK goes to <c>dev-clients/&lt;client-id&gt;.jwk</c> in the data directory (owner-only), so a newcomer can get a
/// token at once. Never registered outside Development.
/// </summary>
internal sealed class DevelopmentClients(
    IServiceScopeFactory scopes,
    PolicyCatalog policies,
    IOptions<StorageOptions> storage,
    IHostEnvironment environment,
    ILogger<DevelopmentClients> logger) : IHostedService
{
    public const string Folder = "dev-clients";

    public static string ClientIdFor(string party) => "dev-" + party;

    /// <summary>The two demo administrators: a policy version uploaded by one is approved by the other.</summary>
    public static IReadOnlyList<string> Administrators { get; } = ["dev-admin-1", "dev-admin-2"];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment())
        {
            return;
        }

        var folder = Path.Combine(storage.Value.Resolve(environment.ContentRootPath), Folder);
        Directory.CreateDirectory(folder);
        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var clients = scope.ServiceProvider.GetRequiredService<PartnerClients>();
        var created = 0;
        var parties = policies.Policies.Values.SelectMany(p => p.Document.Parties).DistinctBy(p => p.Id).ToList();
        var demo = parties.Select(p => (ClientIdFor(p.Id), p.Id, p.Kind == PartyKind.House ? new[] { IdentityScopes.Exchange, IdentityScopes.Audit } : [IdentityScopes.Exchange]));
        if (parties.FirstOrDefault(p => p.Kind == PartyKind.House) is { } house)
        {
            demo = demo.Concat(Administrators.Select(id => (id, house.Id, new[] { IdentityScopes.PolicyAdmin })));
        }

        foreach (var (clientId, party, scopesFor) in demo)
        {
            if (await applications.FindByClientIdAsync(clientId, cancellationToken).ConfigureAwait(false) is not null)
            {
                continue;
            }

            var (privateKey, publicKeys) = ClientAssertions.NewKeyPair(clientId + "-1");
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            await using (var file = new FileStream(Path.Combine(folder, clientId + ".jwk"), options))
            {
                // RFC 7517 members only: a serialised JsonWebKey carries empty key_ops, oth and x5c, which off-the-shelf
                // clients (jose: "Usages cannot be empty when importing a private key") refuse.
                var jwk = new { kty = privateKey.Kty, crv = privateKey.Crv, x = privateKey.X, y = privateKey.Y, d = privateKey.D, kid = privateKey.Kid, alg = privateKey.Alg, use = "sig" };
                await JsonSerializer.SerializeAsync(file, jwk, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            await clients.AddAsync(clientId, party, publicKeys, scopesFor, cancellationToken).ConfigureAwait(false);
            created++;
        }

        PartnerLog.DevelopmentClients(logger, created, folder);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
