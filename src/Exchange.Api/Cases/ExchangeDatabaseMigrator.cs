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
            var db = scope.ServiceProvider.GetRequiredService<ExchangeDbContext>();
            try
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).Count();
                await ExchangeDatabase.MigrateAsync(db, cancellationToken).ConfigureAwait(false);
                CaseLog.DatabaseReady(logger, db.Database.ProviderName ?? "?", pending);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or IOException)
            {
                throw new GatewayConfigurationException($"The case database cannot be opened or migrated ({e.GetType().Name}); check Database:Provider and Database:ConnectionString.", e);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
