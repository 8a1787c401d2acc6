using Avz.Exchange.Cases;
using Avz.Exchange.Data;
using Avz.Exchange.Encryption;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Avz.Exchange;

/// <summary>
/// What the host and the <c>avz</c> command do with the case database besides serving calls: migrate it, check it,
/// run retention, re-wrap its data keys. They reach the database only through these entry points.
/// </summary>
public static class ExchangeMaintenance
{
    /// <summary>Applies pending migrations (SQLite files get WAL first, like the access log).</summary>
    /// <param name="services">A scope's services, from a container with <see cref="ExchangeServiceCollectionExtensions.AddCaseExchange"/>.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The database provider's name and how many migrations were applied.</returns>
    public static async Task<(string Provider, int Applied)> MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<ExchangeDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).Count();
        await ExchangeDatabase.MigrateAsync(db, cancellationToken).ConfigureAwait(false);
        return (db.Database.ProviderName ?? "?", pending);
    }

    /// <summary>How many cases the database holds: an answer proves it is reachable.</summary>
    /// <param name="services">A scope's services.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The count.</returns>
    public static Task<int> CountCasesAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<ExchangeDbContext>().Cases.CountAsync(cancellationToken);

    /// <summary>Ends every early signal past its validity (a <c>signal.expire</c> entry each).</summary>
    /// <param name="services">A scope's services.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>How many signals ended.</returns>
    public static Task<int> ExpireSignalsAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<House.EarlySignals>().ExpireAsync(cancellationToken);

    /// <summary>Takes every escalation step of overdue plan actions that is due.</summary>
    /// <param name="services">A scope's services.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>How many steps were taken.</returns>
    public static Task<int> EscalateOverdueActionsAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<House.PlanMonitor>().EscalateAsync(cancellationToken);

    /// <summary>Delivers the notifications that are due to the parties' webhooks.</summary>
    /// <param name="services">A scope's services.</param>
    /// <param name="http">The client to send with (no redirects followed).</param>
    /// <param name="cancellationToken">Stops the work between deliveries.</param>
    /// <returns>How many were delivered.</returns>
    public static Task<int> DeliverWebhooksAsync(IServiceProvider services, HttpClient http, CancellationToken cancellationToken) =>
        new House.WebhookDelivery(
            services.GetRequiredService<ExchangeDbContext>(),
            http,
            services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebhookOptions>>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<House.WebhookDelivery>>()).DeliverDueAsync(cancellationToken);

    /// <summary>Shreds every case past its retention deadline.</summary>
    /// <param name="services">A scope's services.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>How many cases were shredded.</returns>
    public static Task<int> RunRetentionAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<RetentionJob>().RunOnceAsync(cancellationToken);

    /// <summary>
    /// Appends a <c>not-stored</c> error entry for every supply entry whose items the database does not hold (the
    /// process was killed between the entry and the save). Entries younger than <paramref name="grace"/> wait for the
    /// next run, as another node may still be saving them.
    /// </summary>
    /// <param name="services">A scope's services.</param>
    /// <param name="grace">How old a supply entry must be before it is judged.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>How many error entries were appended.</returns>
    public static Task<int> ReconcileSuppliesAsync(IServiceProvider services, TimeSpan grace, CancellationToken cancellationToken) =>
        services.GetRequiredService<SupplyReconciler>().RunAsync(grace, cancellationToken);

    /// <summary>Re-wraps every data key and the subject secret under the key-encryption key's current version.</summary>
    /// <param name="provider">The database engine.</param>
    /// <param name="connectionString">Its connection string.</param>
    /// <param name="kek">The key-encryption key, already rotated.</param>
    /// <param name="progress">Receives (done, total).</param>
    /// <param name="cancellationToken">Stops the work; what was re-wrapped stays saved, and a second run finishes.</param>
    /// <returns>How many keys were re-wrapped.</returns>
    public static async Task<int> RewrapAsync(DatabaseProvider provider, string connectionString, IKeyEncryptionKey kek, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        var db = ExchangeDatabase.Create(provider, connectionString);
        await using (db.ConfigureAwait(false))
        {
            return await new KeyRotation(db, kek).RewrapAsync(progress, cancellationToken).ConfigureAwait(false);
        }
    }
}
