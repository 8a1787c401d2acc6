using Avz.Exchange.Api.Hosting;
using Avz.Exchange.Cases;

namespace Avz.Exchange.Api.Cases;

/// <summary>Runs the retention job every <c>Retention:Interval</c> (default one hour).</summary>
internal sealed class RetentionService(IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<RetentionOptions> options, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<RetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Interval;
        using var timer = new PeriodicTimer(interval, time);

        // First run once the gateway is up: a start-up that fails must not race a job against the disposing host.
        if (!await lifetime.StartedAsync(stoppingToken).ConfigureAwait(false))
        {
            return;
        }

        do
        {
            try
            {
                var scope = scopes.CreateAsyncScope();
                await using (scope.ConfigureAwait(false))
                {
                    var count = await ExchangeMaintenance.RunRetentionAsync(scope.ServiceProvider, stoppingToken).ConfigureAwait(false);
                    if (count > 0)
                    {
                        CaseLog.Shredded(logger, count);
                    }

                    var escalated = await ExchangeMaintenance.EscalateOverdueActionsAsync(scope.ServiceProvider, stoppingToken).ConfigureAwait(false);
                    if (escalated > 0)
                    {
                        CaseLog.Escalated(logger, escalated);
                    }

                    var expired = await ExchangeMaintenance.ExpireSignalsAsync(scope.ServiceProvider, stoppingToken).ConfigureAwait(false);
                    if (expired > 0)
                    {
                        CaseLog.SignalsExpired(logger, expired);
                    }

                    var reconciled = await ExchangeMaintenance.ReconcileSuppliesAsync(scope.ServiceProvider, ExchangeDatabaseMigrator.ReconcileGrace, stoppingToken).ConfigureAwait(false);
                    if (reconciled > 0)
                    {
                        CaseLog.Reconciled(logger, reconciled);
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                CaseLog.RetentionFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
