using Avz.Exchange.Api.Hosting;
using Avz.Exchange.Data;
using Microsoft.EntityFrameworkCore;

namespace Avz.Exchange.Api.Cases;

/// <summary>
/// Before the gateway takes requests: opens the key-encryption key (a missing or broken one stops the start) and
/// applies the database provider's migrations (a database it cannot reach stops the start).
/// </summary>
internal sealed class ExchangeDatabaseMigrator(IServiceScopeFactory scopes, ILogger<ExchangeDatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            scope.ServiceProvider.GetRequiredService<Avz.Exchange.Encryption.IKeyEncryptionKey>();
            try
            {
                var (provider, applied) = await ExchangeMaintenance.MigrateAsync(scope.ServiceProvider, cancellationToken).ConfigureAwait(false);
                CaseLog.DatabaseReady(logger, provider, applied);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or IOException)
            {
                throw new GatewayConfigurationException($"The case database cannot be opened or migrated ({e.GetType().Name}); check Database:Provider and Database:ConnectionString.", e);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
