using Avz.Identity.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace Avz.Identity;

/// <summary>At start-up: loads the token signing key (a missing key stops the start, not the first request) and creates the identity database when it does not exist yet.</summary>
internal sealed class IdentityDatabaseInitializer(IServiceScopeFactory scopes, IOptionsMonitor<OpenIddictServerOptions> server) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _ = server.CurrentValue.SigningCredentials.Count;
        await using var scope = scopes.CreateAsyncScope();
        await IdentityDatabase.EnsureCreatedAsync(scope.ServiceProvider.GetRequiredService<IdentityDbContext>(), cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
