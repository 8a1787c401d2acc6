using Avz.Identity.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace Avz.Identity;

/// <summary>
/// At start-up: loads the token signing key (a missing key stops the start, not the first request) and applies the
/// identity database's migrations; a database that cannot be reached or migrated stops the start with one sentence.
/// </summary>
internal sealed class IdentityDatabaseInitializer(IServiceScopeFactory scopes, IOptionsMonitor<OpenIddictServerOptions> server) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            await IdentityDatabase.MigrateAsync(scope.ServiceProvider.GetRequiredService<IdentityDbContext>(), cancellationToken).ConfigureAwait(false);
        }
        catch (System.Data.Common.DbException e)
        {
            // Like the signing key's problems, reported as an options failure so the host prints one sentence.
            throw new OptionsValidationException(nameof(PartnerIdentityOptions), typeof(PartnerIdentityOptions), [
                $"The identity database cannot be opened or migrated ({e.GetType().Name}); check Identity:Store and Identity:ConnectionString. An identity.db made before migrations existed (before 2026-11-24) must be moved away and its clients registered again."]);
        }

        _ = server.CurrentValue.SigningCredentials.Count;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
