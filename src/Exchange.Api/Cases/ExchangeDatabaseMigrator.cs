using Avz.Exchange.Api.Hosting;
using Avz.Exchange.Data;
using Microsoft.EntityFrameworkCore;

namespace Avz.Exchange.Api.Cases;

/// <summary>
/// Before the gateway takes requests: opens the key-encryption key (a missing or broken one stops the start) and
/// applies the database provider's migrations (a database it cannot reach stops the start).
/// </summary>
internal sealed class ExchangeDatabaseMigrator(IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<Avz.Audit.AccessLogOptions> log, ILogger<ExchangeDatabaseMigrator> logger) : IHostedService
{
    /// <summary>How old a supply entry on a shared log must be before it is judged: another node may be saving it.</summary>
    public static readonly TimeSpan ReconcileGrace = TimeSpan.FromMinutes(2);

    private bool SharedLog => log.Value.ParsedStore == Avz.Audit.AuditStoreKind.Postgres;

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

                // Before serving: a supply entry whose save a crash prevented gets its not-stored entry. With a log of
                // its own (SQLite) nothing else appends, so every entry is judged; a shared log waits out other nodes.
                var reconciled = await ExchangeMaintenance.ReconcileSuppliesAsync(scope.ServiceProvider, SharedLog ? ReconcileGrace : TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
                if (reconciled > 0)
                {
                    CaseLog.Reconciled(logger, reconciled);
                }
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or IOException)
            {
                throw new GatewayConfigurationException($"The case database cannot be opened or migrated ({e.GetType().Name}); check Database:Provider and Database:ConnectionString.", e);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
